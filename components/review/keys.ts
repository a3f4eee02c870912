export const reviewKeys = {
  all: ["review"] as const,
  detail: (videoId: string) => [...reviewKeys.all, "detail", videoId] as const,
  thumbs: (videoId: string) => [...reviewKeys.all, "thumbs", videoId] as const,
};
