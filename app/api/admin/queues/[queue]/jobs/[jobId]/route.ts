import { route } from "@/lib/api/handler";
import { removeJob, retryJob } from "@/lib/queue";
import { ZQueueJobAction, ZQueueJobParams } from "@/lib/schemas/queues";
import { paramsOf } from "@/lib/schemas/params";

// One POST with a JSON body for both actions, so the route wrapper's body checks apply to them alike.
export const POST = route({ role: "admin", body: ZQueueJobAction }, async ({ params, body }) => {
  const { queue, jobId } = paramsOf(ZQueueJobParams, params);
  if (body.action === "retry") await retryJob(queue, jobId);
  else await removeJob(queue, jobId);
  return { ok: true, action: body.action };
});
