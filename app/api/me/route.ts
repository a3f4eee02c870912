import { route } from "@/lib/api/handler";
import type { TMe } from "@/lib/schemas/auth";

export const GET = route({}, async ({ user }): Promise<TMe> => user);
