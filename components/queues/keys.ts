export const queueKeys = {
  all: ["queues"] as const,
  overview: () => [...queueKeys.all, "overview"] as const,
};
