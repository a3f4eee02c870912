export const reviewKeys = {
  all: ["review"] as const,
  detail: (videoId: string) => [...reviewKeys.all, "detail", videoId] as const,
  thumbs: (videoId: string) => [...reviewKeys.all, "thumbs", videoId] as const,
};

/** The review room's one request for everything it shows (the page preloads it; not a client module). */
export const reviewUrl = (videoId: string) => `/api/videos/${videoId}/review`;
