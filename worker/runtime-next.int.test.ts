import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { queuedJob } from "@/lib/pipeline/enqueue";
import { closeQueues } from "@/lib/queue";
import { waitFor } from "@/test/fixtures";
import { committer, followUp } from "./runtime-next";

// Issue #27: a job's follow-ups are staged in the outbox by the runtime, in the transaction of the state
// change they belong to. No worker runs here: each job this queues is removed again.
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

const outboxOf = (videoId: string) => db().outboxJob.count({ where: { jobId: { startsWith: videoId } } });

describe("handlers return what follows; the runtime enqueues it", () => {
  it("queues the next job of a committed change, through the outbox", async () => {
    const videoId = randomUUID();
    const out = await committer("probe")(async () => ({ next: [{ job: "analyze", data: { videoId } }] }));
    expect(out).toMatchObject({ next: [{ job: "analyze" }] });
    // dispatchSoon waits at most a second; the workers' dispatcher loop would send it on otherwise.
    const queued = await waitFor(() => queuedJob("analyze", { videoId }), 15_000);
    expect(queued.data).toEqual({ videoId });
    await queued.remove();
    expect(await outboxOf(videoId)).toBe(0);
  });

  it("stages nothing when the change fails, and undoes the change when a follow-up is not a graph edge", async () => {
    const videoId = randomUUID();
    await expect(
      committer("probe")(async () => {
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    const email = `edge-${randomUUID()}@test.local`;
    await expect(
      committer("probe")(async (tx) => {
        await tx.user.create({ data: { email, name: "Edge", role: "editor", passwordHash: "x" } });
        return { next: [{ job: "cut-clip" as never, data: { highlightId: videoId, revision: 0 } as never }] };
      }),
    ).rejects.toThrow(/"probe" does not enqueue "cut-clip"/);
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await outboxOf(videoId)).toBe(0);
    expect(await queuedJob("analyze", { videoId })).toBeUndefined();
  });

  it("returns a handler's result without its next, and refuses a next that is not a list of jobs", async () => {
    const slot = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const result = await followUp("janitor", {
      removed: 2,
      next: [{ job: "janitor", data: { slot }, delayMs: 3_600_000 }],
    });
    expect(result).toEqual({ removed: 2 });
    const queued = await waitFor(() => queuedJob("janitor", { slot }), 15_000);
    expect(await queued.isDelayed()).toBe(true);
    await queued.remove();
    await expect(followUp("janitor", { next: "janitor" })).rejects.toThrow(/not a list of \{ job, data \}/);
    expect(await followUp("janitor", { removed: 0 })).toEqual({ removed: 0 });
  });
});
