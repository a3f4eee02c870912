export const highlightKeys = {
  all: ["highlights"] as const,
  list: (videoId: string) => [...highlightKeys.all, "list", videoId] as const,
  reel: (videoId: string) => [...highlightKeys.all, "reel", videoId] as const,
};
