// Tiny generated videos whose frames say which frame they are: the left half's luma is (n mod 16)·16+8
// and the right half's ⌊n/16⌋·16+8, so a decoded frame gives back its source index despite H.264 loss.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ffmpegMake } from "./match";

const run = promisify(execFile);

export async function makeIndexedVideo(
  out: string,
  o: { seconds: number; rate: string; rotate?: number },
): Promise<void> {
  const lum = "if(lt(X,80),mod(N,16)*16+8,floor(N/16)*16+8)";
  await ffmpegMake([
    ...[
      "-f",
      "lavfi",
      "-i",
      `color=c=black:s=160x90:r=${o.rate}:d=${o.seconds},geq=lum='${lum}':cb=128:cr=128`,
    ],
    ...["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:d=${o.seconds}`],
    ...[
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-g",
      "50",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
    ],
    o.rotate ? `${out}.plain.mp4` : out,
  ]);
  // ffmpeg 5 writes the display matrix from the rotate tag only when stream-copying (a phone's way).
  if (o.rotate)
    await ffmpegMake(["-i", `${out}.plain.mp4`, "-c", "copy", "-metadata:s:v:0", `rotate=${o.rotate}`, out]);
}

/** Source frame index of every frame in `file`; `undo` (e.g. "transpose=clock,") turns an upright clip back. */
export async function frameIndices(file: string, undo = ""): Promise<number[]> {
  const { stdout } = await run(
    "ffmpeg",
    ["-v", "error", "-i", file, "-vf", `${undo}scale=2:2:flags=area,format=yuv420p`, "-f", "rawvideo", "-"],
    { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
  );
  const out: number[] = [];
  for (let i = 0; i + 6 <= stdout.length; i += 6)
    out.push(Math.floor(stdout[i]! / 16) + 16 * Math.floor(stdout[i + 1]! / 16));
  return out;
}

export interface Probed {
  streams: {
    codec_type: string;
    codec_name?: string;
    width?: number;
    height?: number;
    duration?: string;
    nb_frames?: string;
    side_data_list?: { rotation?: number }[];
  }[];
  format: { duration: string; start_time?: string };
  frames: { media_type?: string; pts_time?: string; best_effort_timestamp_time?: string }[];
}

export async function ffprobeJson(file: string, withFrames = false): Promise<Probed> {
  const args = ["-v", "error", "-show_streams", "-show_format", "-of", "json"];
  if (withFrames)
    args.push(
      "-select_streams",
      "v:0",
      "-show_entries",
      "frame=media_type,pts_time,best_effort_timestamp_time",
    );
  const { stdout } = await run("ffprobe", [...args, file], { maxBuffer: 64 * 1024 * 1024 });
  const parsed = JSON.parse(stdout) as Partial<Probed>;
  return {
    streams: parsed.streams ?? [],
    format: parsed.format ?? { duration: "0" },
    frames: parsed.frames ?? [],
  };
}

/** Every packet of every stream, in file order: stream index, pts (s), size in bytes and flags (K = key). */
export async function ffprobePackets(
  file: string,
): Promise<{ stream: number; pts_time: string; size: number; flags: string }[]> {
  const { stdout } = await run(
    "ffprobe",
    ["-v", "error", "-show_entries", "packet=stream_index,pts_time,size,flags", "-of", "json", file],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const parsed = JSON.parse(stdout) as {
    packets?: { stream_index: number; pts_time: string; size: string; flags: string }[];
  };
  return (parsed.packets ?? []).map((p) => ({
    stream: p.stream_index,
    pts_time: p.pts_time,
    size: Number(p.size),
    flags: p.flags,
  }));
}

/** Top-level MP4 box names in order ("ftyp", "moov", "mdat" …): faststart puts moov before mdat. */
export function mp4Boxes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let off = 0; off + 8 <= bytes.length;) {
    let size = view.getUint32(off);
    names.push(new TextDecoder().decode(bytes.subarray(off + 4, off + 8)));
    if (size === 1) size = Number(view.getBigUint64(off + 8));
    if (size < 8) break;
    off += size;
  }
  return names;
}
