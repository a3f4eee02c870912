export const highlightKeys = {
  all: ["highlights"] as const,
  list: (videoId: string) => [...highlightKeys.all, "list", videoId] as const,
  reel: (videoId: string) => [...highlightKeys.all, "reel", videoId] as const,
  // What a reel of one label would take differs per label; invalidating reel(videoId) covers them all.
  reelFor: (videoId: string, label: string | null) => [...highlightKeys.reel(videoId), label ?? ""] as const,
};
