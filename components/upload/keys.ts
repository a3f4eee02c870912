export const uploadKeys = {
  all: ["uploads"] as const,
  active: () => [...uploadKeys.all, "active"] as const,
};
