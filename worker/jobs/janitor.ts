import { env } from "@/lib/platform/env";
import { runJanitor, janitorSlot } from "@/lib/janitor/run";
import { job } from "./types";

/** Expires abandoned uploads and removes orphaned objects, then queues the next slot's run. */
export const janitorJob = job("janitor", {
  options: { concurrency: 1, timeoutMs: 30 * 60_000 },

  async handle({ slot }) {
    const result = await runJanitor();
    const next = janitorSlot(env().JANITOR_INTERVAL_H);
    // The next slot's id is the same whichever worker or run queues it: BullMQ keeps one.
    return {
      ...result,
      next: [{ job: "janitor", data: { slot: Math.max(slot, next.slot) + 1 }, delayMs: next.nextInMs }],
    };
  },
});
