import { db } from "@/lib/platform/db";
import type { Prisma } from "../generated/prisma/client";
import { childLogger } from "@/lib/platform/logger";
import {
  enqueue,
  enqueueFlow,
  isRedisConnectionError,
  noteRedisError,
  noteRedisReady,
  producerReachable,
  redisOutage,
} from "../queue";
import { jobNames, nodeOf, type JobName } from "./graph";

/**
 * The transactional outbox (issue #16). A state change and the job it needs are written in one Postgres
 * transaction (`stage`); the dispatcher hands the rows to BullMQ and deletes each once Redis accepted it.
 * With Redis down the rows wait and the dispatcher keeps trying, so an outage delays work and never
 * strands a row in a state no job will move on. Dispatching a row twice (two dispatchers, a crash between
 * the add and the delete) is harmless: the job id is the graph's deterministic one, and BullMQ keeps one
 * job per id.
 */

export type OutboxClient = Pick<Prisma.TransactionClient, "outboxJob">;

export interface Staged {
  name: JobName;
  jobId: string;
  payload: unknown;
  delayMs?: number;
  /** A flow: these run first (on any worker), the staged job once all of them are done. */
  children?: { name: JobName; jobId: string; payload: unknown }[];
}

export async function stage(client: OutboxClient, job: Staged): Promise<void> {
  const children = job.children?.map((c) => ({
    name: c.name,
    jobId: c.jobId,
    payload: nodeOf(c.name).schema.parse(c.payload) as Prisma.InputJsonValue,
  }));
  await client.outboxJob.create({
    data: {
      name: job.name,
      jobId: job.jobId,
      payload: nodeOf(job.name).schema.parse(job.payload) as Prisma.InputJsonValue,
      runAt: new Date(Date.now() + Math.max(0, job.delayMs ?? 0)),
      ...(children ? { children } : {}),
    },
  });
}

interface Row {
  id: bigint;
  name: string;
  jobId: string;
  payload: unknown;
  runAt: Date;
  children: { name: string; jobId: string; payload: unknown }[] | null;
}

const isJobName = (n: string): n is JobName => (jobNames as readonly string[]).includes(n);

/**
 * Enqueues what the outbox holds, oldest first; returns how many went to BullMQ. Rows are locked with
 * SKIP LOCKED, so several dispatchers (every worker, and a web request right after its commit) share
 * the work. Throws when Redis does not answer (after noting it on the oldest row, for the admin page).
 */
export async function dispatchOutbox(limit = 100): Promise<number> {
  try {
    await producerReachable();
  } catch (err) {
    await noteFailure(err as Error);
    throw err;
  }
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Row[]>`
        SELECT id, name, "jobId", payload, "runAt", children FROM "OutboxJob"
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      let sent = 0;
      for (const row of rows) {
        if (!isJobName(row.name)) throw new Error(`outbox row ${row.id}: unknown job "${row.name}"`);
        // The payload was parsed when staged; enqueue parses it again against the same schema. A
        // Redis that goes away mid-batch makes this throw, and the transaction keeps the rest.
        if (row.children) await enqueueFlow(flowJob(row), row.children.map(flowJob));
        else
          await enqueue(row.name, row.payload as never, {
            jobId: row.jobId,
            delay: Math.max(0, row.runAt.getTime() - Date.now()),
          });
        await tx.outboxJob.delete({ where: { id: row.id } });
        sent++;
      }
      return sent;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

function flowJob(j: { name: string; jobId: string; payload: unknown }) {
  if (!isJobName(j.name)) throw new Error(`outbox flow: unknown job "${j.name}"`);
  return { name: j.name, jobId: j.jobId, data: j.payload as never };
}

async function noteFailure(err: Error): Promise<void> {
  // SKIP LOCKED: a dispatcher stuck on a dying connection holds its rows; this must not wait for them.
  await db().$executeRaw`
    UPDATE "OutboxJob" SET tries = tries + 1, "lastError" = ${err.message.slice(0, 500)}
    WHERE id = (SELECT id FROM "OutboxJob" ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)`;
}

/**
 * Called by a route right after its transaction committed, so the job usually starts at once. Never
 * throws and waits at most `waitMs`: the state change is committed, the route must answer as it did,
 * and the worker's dispatcher loop enqueues whatever is left once Redis answers again.
 */
export async function dispatchSoon(waitMs = 1_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const attempt = dispatchOutbox().catch((err: unknown) => {
    childLogger({}).warn({ err: (err as Error).message }, "outbox: dispatch after commit failed");
  });
  await Promise.race([attempt, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
  clearTimeout(timer);
}

/** The loop each worker runs: dispatch, then wait `intervalMs` (longer while Redis is failing). */
export function startDispatcher(intervalMs = 1_000): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let failures = 0;
  const tick = () => {
    running = dispatchOutbox()
      .then(() => {
        failures = 0;
        // It reached Redis: an outage noted after its client was already back ends here at the latest.
        noteRedisReady();
      })
      .catch((err: unknown) => {
        failures++;
        // Redis away: one line for the whole outage (lib/queue/outage.ts), not one per try.
        if (isRedisConnectionError(err) || redisOutage()) noteRedisError("outbox", err);
        else childLogger({}).warn({ err: (err as Error).message, failures }, "outbox: jobs wait; will retry");
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs * Math.min(10, 2 ** failures));
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** What waits in the outbox (the admin page and the fault tests read it). */
export async function outboxBacklog(): Promise<{
  count: number;
  oldest: Date | null;
  lastError: string | null;
}> {
  const [count, oldest] = await Promise.all([
    db().outboxJob.count(),
    db().outboxJob.findFirst({ orderBy: { id: "asc" }, select: { createdAt: true, lastError: true } }),
  ]);
  return { count, oldest: oldest?.createdAt ?? null, lastError: oldest?.lastError ?? null };
}
