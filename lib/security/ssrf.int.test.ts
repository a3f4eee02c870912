// Live URLs into our own network are refused before any connection is made (no packet leaves), also
// when a permitted host redirects there, and at creation time with the same message.
import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createLive } from "@/app/api/live/route";
import { fetchText, FetchError } from "@/worker/live/http";
import { makeUser } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeQueues } from "../queue";
import { REFUSED_URL_MESSAGE } from "./ssrf";

let server: Server;
let port: number;
let cookie: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/redirect")) {
      const to = new URL(req.url, "http://x").searchParams.get("to")!;
      res.writeHead(302, { location: to }).end();
    } else res.writeHead(200, { "content-type": "application/vnd.apple.mpegurl" }).end("#EXTM3U\n");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  cookie = await cookieFor((await makeUser("editor")).id);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await closeQueues();
  await disconnectDb();
});
afterEach(() => vi.restoreAllMocks());

/** `viaPort`: the permitted first hop's port (the redirecting server), the only one a socket may reach. */
async function refusedWithoutConnecting(
  url: string,
  allowHosts: string[] = [],
  viaPort?: number,
): Promise<void> {
  // A safety net as well as a probe: should the guard ever let a refused address through, the socket is
  // failed here instead of connecting, so no packet can leave for a non-loopback address.
  const original = net.Socket.prototype.connect;
  const connect = vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (
    this: net.Socket,
    ...args: unknown[]
  ) {
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string } | number;
    const host = typeof first === "object" ? first.host : (args[1] as string | undefined);
    if (host !== undefined && !/^(localhost|127\.[\d.]+|::1|::ffff:127\.[\d.]+)$/.test(host)) {
      process.nextTick(() => this.destroy(new Error(`test blocked a connect to ${host}`)));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  const err = await fetchText(url, { guard: { allowHosts }, timeoutMs: 5000 }).catch((e: unknown) => e);
  expect(err, url).toBeInstanceOf(FetchError);
  expect((err as FetchError).reason).toBe(REFUSED_URL_MESSAGE);
  expect((err as FetchError).permanent).toBe(true);
  // Every socket starts with connect(): none was opened for the refused hop, so nothing was sent there.
  const targets = connect.mock.calls.map((c) => {
    const first = (Array.isArray(c[0]) ? c[0][0] : c[0]) as { port?: number };
    return first.port;
  });
  expect(targets.filter((p) => p !== viaPort)).toEqual([]);
  connect.mockRestore();
}

describe("SSRF guard", () => {
  it.each([
    "http://127.0.0.1:{port}/live.m3u8",
    "http://localhost:{port}/live.m3u8",
    "http://10.0.0.1/live.m3u8",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:{port}/live.m3u8",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://0.0.0.0:{port}/",
  ])("refuses %s before connecting", async (u) => {
    await refusedWithoutConnecting(u.replace("{port}", String(port)));
  });

  it("refuses a permitted host's redirect to loopback, 10.x and 169.254.x", async () => {
    for (const target of [`http://127.0.0.1:${port}/`, "http://10.1.2.3/x.m3u8", "http://169.254.169.254/"]) {
      const url = `http://localhost:${port}/redirect?to=${encodeURIComponent(target)}`;
      await refusedWithoutConnecting(url, ["localhost"], port);
    }
  });

  it("lets an allow-listed LAN host through", async () => {
    const { text } = await fetchText(`http://127.0.0.1:${port}/live.m3u8`, {
      guard: { allowHosts: ["127.0.0.1"] },
    });
    expect(text).toContain("#EXTM3U");
  });

  it("refuses private live URLs at creation with one message (422) and stores nothing", async () => {
    // The test environment allows 127.0.0.1 (LIVE_ALLOW_HOSTS) for the HLS test servers; 127.0.0.2 is not.
    for (const url of [
      "http://127.0.0.2/live.m3u8",
      "http://10.0.0.7/live.m3u8",
      "http://169.254.169.254/x.m3u8",
    ]) {
      const res = await call(createLive, {
        method: "POST",
        path: "/api/live",
        cookie,
        json: { url, title: "probe" },
      });
      expect(res.status, url).toBe(422);
      expect(((await res.json()) as { error: string }).error).toBe(REFUSED_URL_MESSAGE);
      expect(await db().liveSource.count({ where: { url } })).toBe(0);
    }
  });
});
