export const modelKeys = {
  all: ["model-versions"] as const,
  list: () => [...modelKeys.all, "list"] as const,
};
