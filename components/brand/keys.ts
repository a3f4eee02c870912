export const brandKeys = {
  all: ["brand"] as const,
};
