export const liveKeys = {
  all: ["live"] as const,
  list: () => [...liveKeys.all, "list"] as const,
  detail: (id: string) => [...liveKeys.all, "detail", id] as const,
};
