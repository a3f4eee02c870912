import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { statusWrites } from "./status-writes";

const lines = (file: string, ...src: string[]) => statusWrites(file, src.join("\n")).map((w) => w.line);

describe("status columns are written only in their lifecycle modules (issue #27)", () => {
  it("finds a status written by a Prisma call, directly, spread, in a variable, a conditional or a map", () => {
    expect(
      lines(
        "worker/jobs/x.ts",
        'await db().video.update({ where: { id }, data: { status: "failed" } });',
        'await tx.highlight.updateMany({ where: { id }, data: { ...{ clipStatus: "cutting" as const } } });',
        'const data = keep ? { clipStatus: "ready" as const } : { name };',
        "await tx.highlight.updateMany({ where: { id }, data });",
        'await db().analysis.createMany({ data: rows.map((r) => ({ ...r, status: "complete" })) });',
        'await db().liveSource.upsert({ where: { id }, create: { status: "ended" }, update: {} });',
        'await db().video.updateMany({ where: { id }, data: { reelStatus: "cutting" } });',
        'await db().user.create({ data: { videos: { create: [{ status: "ready" }] } } });',
      ),
    ).toEqual([1, 2, 3, 5, 6, 7, 8]);
  });

  it("finds raw SQL that sets a status column", () => {
    expect(
      lines(
        "lib/x.ts",
        'await db().$executeRaw`UPDATE "Highlight" SET "clipError" = ${m}, "clipStatus" = \'failed\' WHERE id = ${id}::uuid`;',
        "await db().$executeRawUnsafe('UPDATE \"Video\" SET stage = NULL, status = $1');",
        'await db().$executeRaw`INSERT INTO "Analysis" (id, "videoId", status) VALUES (${a}, ${v}, \'running\')`;',
      ),
    ).toEqual([1, 2, 3]);
  });

  it("leaves reads, filters, other columns and other models alone", () => {
    expect(
      lines(
        "lib/x.ts",
        'await db().video.updateMany({ where: { status: "ready" }, data: { title } });',
        'await db().liveHighlight.update({ where: { id }, data: { clipStatus: "ready" } });',
        'await db().upload.update({ where: { id }, data: { status: "completed" } });',
        "await db().$queryRaw`SELECT status FROM \"Video\" WHERE status IN ('queued') FOR UPDATE`;",
        'await db().$executeRaw`UPDATE "Analysis" a SET "chunkProgress" = x WHERE a.status = \'running\'`;',
        "await db().video.findMany({ where: { reelStatus: 'cutting' }, select: { status: true } });",
        'const dto = { clipStatus: "ready", status: "accepted" };',
      ),
    ).toEqual([]);
  });

  it("lets a lifecycle module write its own column only, and seed only in fixtures", () => {
    const write =
      'await tx.video.updateMany({ where: { id }, data: { reelStatus: "failed", status: "failed" } });';
    expect(statusWrites("lib/clips/lifecycle.ts", write).map((w) => w.what)).toEqual([
      "video.status written outside lib/videos/lifecycle.ts",
    ]);
    const seed = 'await db().video.create({ data: { ...videoLifecycle.seed("ready"), title } });';
    expect(lines("test/seed-library.ts", seed)).toEqual([]);
    expect(lines("lib/videos/library.int.test.ts", seed)).toEqual([]);
    expect(lines("worker/jobs/probe.ts", seed)).toEqual([1]);
  });

  // Parses every source file: a few seconds alone, more on a busy machine.
  it(
    "finds no such write anywhere in the repository, tests and fixtures included",
    { timeout: 60_000 },
    () => {
      const root = fileURLToPath(new URL("..", import.meta.url));
      const skip = new Set([
        "node_modules",
        ".next",
        ".data",
        ".git",
        "generated",
        "test-results",
        "playwright-report",
      ]);
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
          const rel = dir ? `${dir}/${e.name}` : e.name;
          if (e.isDirectory() && !skip.has(e.name)) walk(rel);
          else if (e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) files.push(rel);
        }
      };
      walk("");
      expect(files.length).toBeGreaterThan(300);
      // This file's snippets are writes on purpose.
      const scanned = files.filter((f) => f !== "scripts/status-writes.test.ts");
      const found = scanned.flatMap((f) => statusWrites(f, readFileSync(path.join(root, f), "utf8")));
      expect(found.map((w) => `${w.file}:${w.line} ${w.what}`)).toEqual([]);
    },
  );
});
