import { z } from "zod";

/** Route segment `[id]`: every id in the app is a uuid, so anything else is a 404, not a database error. */
export const ZIdParams = z.object({ id: z.uuid() });
