import type { z } from "zod";
import { notFound } from "@/lib/platform/errors";

/**
 * Parses route segment params. A malformed id cannot name anything, so it reads as 404 rather than the
 * wrapper's 422 (which is for bodies a client can fix).
 */
export function paramsOf<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const out = schema.safeParse(params);
  if (!out.success) throw notFound();
  return out.data;
}
