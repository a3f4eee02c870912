// A client that closes its connection mid-request (a closed tab, a load tool's timeout) is no fault of
// the app: one 499 line at info, no stack, never "unhandled route error" (a masked 500), never an
// uncaught exception, and no request to S3 left waiting for bytes that never come.
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchHighlight } from "@/app/api/highlights/[id]/route";
import { PUT as putPart } from "@/app/api/uploads/[id]/part/route";
import { makeUser } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import type { SessionUser } from "../auth/session";
import { disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { closeQueues } from "../queue";
import { startUpload } from "../uploads/service";

let cookie: string;
let user: SessionUser;
const lines: Record<string, unknown>[] = [];
let restore: () => void = () => undefined;

beforeAll(async () => {
  const u = await makeUser("editor");
  user = { id: u.id, email: u.email, name: u.name, role: u.role };
  cookie = await cookieFor(u.id);
  // What the route wrapper logs, read off the root logger's own stream (children write to it).
  const root = logger();
  const level = root.level;
  root.level = "info";
  const stream = (root as unknown as Record<symbol, { write(s: string): boolean }>)[pino.symbols.streamSym]!;
  const write = stream.write.bind(stream);
  stream.write = (s: string) => {
    lines.push(JSON.parse(s) as Record<string, unknown>);
    return write(s);
  };
  restore = () => {
    stream.write = write;
    root.level = level;
  };
});
afterEach(() => void lines.splice(0));
afterAll(async () => {
  restore();
  await closeQueues();
  await disconnectDb();
});

/** A request body that sends `bytes` and then fails as Node's does when the client's socket closes. */
function cutOffBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(ctl) {
      if (!sent) {
        sent = true;
        ctl.enqueue(bytes);
        return;
      }
      return new Promise((_, reject) =>
        setTimeout(() => reject(Object.assign(new Error("aborted"), { code: "ECONNRESET" })), 50),
      );
    },
  });
}

function expectAbortLine(path: string) {
  expect(lines.filter((l) => l.msg === "unhandled route error")).toEqual([]);
  const abort = lines.filter((l) => l.status === 499);
  expect(abort).toHaveLength(1);
  expect(abort[0]).toMatchObject({
    level: 30,
    url: path,
    msg: "client closed the request before the answer",
  });
  expect(abort[0]).not.toHaveProperty("err");
  expect(abort[0]).not.toHaveProperty("errorId");
}

describe("a client that closes its connection mid-request", () => {
  it("is logged as a client abort on a JSON route, not as a masked 500", async () => {
    const path = `/api/highlights/${randomUUID()}`;
    const res = await call(patchHighlight, {
      method: "PATCH",
      path,
      cookie,
      headers: { "content-type": "application/json", origin: new URL(env().APP_URL).origin },
      body: cutOffBody(new TextEncoder().encode('{"startS": 1')),
    });
    expect(res.status).toBe(499);
    expectAbortLine(path);
  });

  it("is logged as a client abort mid upload part, and the part's S3 request stops", async () => {
    const session = await startUpload(user, {
      fileName: "gone.mp4",
      size: env().UPLOAD_PART_BYTES * 2,
      lastModified: Date.now(),
      contentType: "video/mp4",
    });
    const path = `/api/uploads/${session.id}/part`;
    const t0 = Date.now();
    const res = await call(putPart, {
      method: "PUT",
      path: `${path}?partNumber=1`,
      params: { id: session.id },
      cookie,
      headers: { "content-length": String(session.partSize), "sec-fetch-site": "same-origin" },
      body: cutOffBody(new Uint8Array(100_000)),
    });
    expect(res.status).toBe(499);
    // S3 would wait for the part's missing bytes until its own timeout (minutes); the abort ends it.
    expect(Date.now() - t0).toBeLessThan(5_000);
    expectAbortLine(path);
  }, 20_000);
});
