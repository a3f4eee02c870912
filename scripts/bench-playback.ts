// `npm run bench:playback [-- --minutes N]` (issue #25): what the review room's playable copy costs for a
// source whose only fault is its MP4 index at the end (the bench match is such a file, as a camera or an
// export writes it). Times, in the same run and on the same file, the copy made today (a stream copy into
// an MP4 with the index first, worker/ffmpeg/proxy-commands.ts remuxSpec) against what was made before (an
// x264 proxy in 60-s pieces, proxyPieceSpec): the remux twice, and two pieces from different parts of the
// match, whose mean times the piece count estimates the whole proxy. CPU seconds are the ffmpeg process's
// user + system time (as the worker counts its children's, worker/cpu-account.ts), so the figures hold on a busy machine too; wall seconds are printed beside them.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/platform/env";
import type { FfmpegSpec } from "@/worker/ffmpeg/media";
import { reapedChildrenS } from "@/worker/cpu-account";
import { proxyPieceCount, proxyPieceSpan, proxyPieceSpec, remuxSpec } from "@/worker/ffmpeg/proxy-commands";
import { benchMatch } from "./bench-match";

const { values } = parseArgs({ options: { minutes: { type: "string", default: "30" } } });

/** ffmpeg run to its end; its CPU is what the kernel adds to this process's reaped children's time. */
function timed(spec: FfmpegSpec): { cpu_s: number; wall_s: number } {
  const args = ["-hide_banner", "-nostdin", "-v", "error", ...spec.inputOptions, "-i", spec.input];
  const cpu0 = reapedChildrenS();
  const t0 = performance.now();
  const r = spawnSync(env().FFMPEG_PATH, [...args, ...spec.outputOptions, spec.output], { encoding: "utf8" });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`ffmpeg failed (${r.status}): ${r.stderr.slice(-500)}`);
  const cpu1 = reapedChildrenS();
  if (cpu0 === null || cpu1 === null)
    throw new Error("CPU of child processes is read from /proc (Linux only)");
  return { cpu_s: +(cpu1 - cpu0).toFixed(2), wall_s: +wall.toFixed(2) };
}

const match = await benchMatch(Number(values.minutes));
const dir = await mkdtemp(path.join(tmpdir(), "bench-playback-"));
try {
  const info = { width: 1280, height: 720, rotation: 0, fps: 25, hasAudio: true };
  const pieces = proxyPieceCount(match.durationS);
  const remux = [1, 2].map(() => timed(remuxSpec(match.file, true, path.join(dir, "remux.mp4"))));
  const sample = [Math.floor(pieces / 4), Math.floor((3 * pieces) / 4)];
  const piece = sample.map((i) =>
    timed(proxyPieceSpec(match.file, info, proxyPieceSpan(i, match.durationS), path.join(dir, `${i}.ts`))),
  );
  const pieceMean = piece.reduce((a, p) => a + p.cpu_s, 0) / piece.length;
  const proxyCpu = +(pieceMean * pieces).toFixed(1);
  const remuxCpu = Math.max(...remux.map((r) => r.cpu_s));
  console.log(
    `${match.durationS.toFixed(1)}-s match: remux ${remux.map((r) => `${r.cpu_s} CPU s (${r.wall_s} s)`).join(", ")}; ` +
      `proxy pieces ${sample.map((i, k) => `#${i} ${piece[k]!.cpu_s} CPU s (${piece[k]!.wall_s} s)`).join(", ")} ` +
      `→ ${pieces} pieces ≈ ${proxyCpu} CPU s; remux / proxy = ${(remuxCpu / proxyCpu).toFixed(4)}`,
  );
  console.log(JSON.stringify({ duration_s: match.durationS, pieces, remux, piece, proxy_cpu_s: proxyCpu }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
