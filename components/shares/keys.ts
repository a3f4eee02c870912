export const shareKeys = {
  all: ["share-links"] as const,
  live: () => [...shareKeys.all, "live"] as const,
};
