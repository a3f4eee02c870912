// `npm run detect -- f --json` is piped to jq: stdout must be the JSON document alone (issue #18: pino
// lines were printed beside it). Runs the real CLI on a real penalty clip.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { sharedClip } from "@/test/fixtures";

const run = promisify(execFile);
const PENALTY = sharedClip("clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4");

describe("detect CLI", () => {
  it("--json prints one JSON document on stdout and its log lines on stderr", async () => {
    const { stdout, stderr } = await run("npx", ["tsx", "worker/cli/detect.ts", PENALTY, "--json"], {
      env: { ...process.env, LOG_LEVEL: "info" },
      maxBuffer: 16 << 20,
    });
    const segments = JSON.parse(stdout) as { label: string; start: number; end: number }[];
    expect(Array.isArray(segments)).toBe(true);
    expect(segments.every((s) => typeof s.label === "string" && s.end > s.start)).toBe(true);
    // the pipeline did log (onnxruntime session start), and it went to stderr
    const logLines = stderr.split("\n").filter((l) => l.startsWith("{"));
    expect(logLines.length).toBeGreaterThan(0);
    expect(JSON.parse(logLines[0]!)).toHaveProperty("level");
  });
});
