import { CPU_QUEUE } from "../pipeline/graph";
import { namedQueue } from "./producer";

/**
 * The best (lowest) BullMQ priority among the heavy jobs queued in the shared CPU queue, or undefined
 * when none is queued. The worker asks before it starts a heavy job (worker/runtime.ts): BullMQ's
 * stalled-job check hands a recovered job out ahead of every prioritized one, whatever its priority.
 */
export async function bestQueuedPriority(): Promise<number | undefined> {
  const [head] = await namedQueue(CPU_QUEUE).getPrioritized(0, 0);
  return head?.priority || undefined;
}
