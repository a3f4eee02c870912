import { randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon, outboxBacklog } from "../pipeline/outbox";
import { janitorReport, type JanitorReport } from "./report";
import { janitorSlot } from "./run";

export interface JanitorOverview {
  /** dry run: what a janitor run would expire and delete now */
  report: JanitorReport;
  /** jobs committed by routes and not yet handed to Redis (a Redis outage shows here) */
  outbox: Awaited<ReturnType<typeof outboxBacklog>>;
  uploadExpireHours: number;
  intervalHours: number;
}

export async function janitorOverview(): Promise<JanitorOverview> {
  const [report, outbox] = await Promise.all([janitorReport(), outboxBacklog()]);
  return {
    report,
    outbox,
    uploadExpireHours: env().UPLOAD_EXPIRE_H,
    intervalHours: env().JANITOR_INTERVAL_H,
  };
}

/** An admin's "run it now": its own job (a nonce in the id), through the outbox like any other work. */
export async function requestJanitorRun(): Promise<void> {
  const { slot } = janitorSlot(env().JANITOR_INTERVAL_H);
  await startJob(db(), "janitor asked for", "janitor", { slot }, { nonce: randomUUID() });
  await dispatchSoon();
}
