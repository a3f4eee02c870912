// Issue #23: a live source whose host does not resolve was looked up every 2 s for as long as
// LIVE_GIVE_UP_S (30 min by default). The host here has a 64-character label, which no DNS name may
// have: getaddrinfo refuses it (ENOTFOUND) before building a query, so no packet leaves this machine
// (checked with strace: only the nscd socket is tried).
process.env.LIVE_DNS_FAILURES = "4";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { startJob } from "@/lib/pipeline/enqueue";
import { createLiveSource } from "@/lib/live/service";
import { makeUser, waitFor } from "@/test/fixtures";
import { jobs } from "../jobs/registry";
import { startRuntime, type Runtime } from "../runtime";
import { liveLifecycle } from "@/lib/live/lifecycle";

const DEAD_HOST = `${"x".repeat(64)}.invalid`;
const DEAD_URL = `http://${DEAD_HOST}/live/index.m3u8`;

let runtime: Runtime;
let ownerId: string;
beforeAll(async () => {
  runtime = startRuntime(jobs.filter((j) => j.name.startsWith("live-")));
  ownerId = (await makeUser("editor")).id;
});
afterAll(async () => {
  // Should a check fail, its source must not be polled on by the next test file's live worker.
  await db().liveSource.updateMany({
    where: { ownerId, status: { notIn: ["failed", "ended", "stopped"] } },
    data: { ...liveLifecycle.seed("stopped") },
  });
  await runtime.close();
  await disconnectDb();
});

const failed = (id: string, ms: number) =>
  waitFor(async () => {
    const s = await db().liveSource.findUniqueOrThrow({ where: { id } });
    return s.status === "failed" ? s : null;
  }, ms);

describe("a live source whose host does not resolve", () => {
  it("is accepted, then failed with a plain reason after 3 lookups", async () => {
    const src = await createLiveSource(ownerId, { url: DEAD_URL, title: "Typo" }, {});
    const s = await failed(src.id, 30_000);
    expect(s.error).toBe(`the host ${DEAD_HOST} does not resolve (no address after 3 tries); check the URL`);
    expect(s.playlistErrors).toBe(2); // the third failed load ended it
  });

  it("stops a source that was following when its host stops resolving, after LIVE_DNS_FAILURES", async () => {
    // As a source that followed a stream a moment ago leaves it; its host has since gone from DNS.
    const src = await db().liveSource.create({
      data: {
        ownerId,
        title: "Gone",
        url: DEAD_URL,
        playlistUrl: DEAD_URL,
        ...liveLifecycle.seed("following"),
        targetDurationS: 2,
        lastNewAt: new Date(),
      },
    });
    await startJob(db(), "live source added", "live-poll", { liveSourceId: src.id, tick: 0 });
    // Every failed load is rescheduled a second later (half the target duration): 4 of them, not 1,800.
    const s = await failed(src.id, 30_000);
    expect(s.error).toBe(`the host ${DEAD_HOST} does not resolve (no address after 4 tries); check the URL`);
    expect(s.tick).toBe(3);
    expect(s.endedAt).not.toBeNull();
  });
});
