import { z } from "zod";
import { route } from "@/lib/api/handler";
import { janitorOverview, requestJanitorRun } from "@/lib/janitor/request";

// Admins (issue #16): the janitor's dry run — abandoned uploads and orphaned objects it would remove —
// and the outbox backlog; POST runs the janitor now.
export const GET = route({ role: "admin" }, () => janitorOverview());

export const POST = route({ role: "admin", body: z.object({}).strict() }, async () => {
  await requestJanitorRun();
  return { queued: true };
});
