// A ready video for the e2e seeds (test/seed-*.ts): builds its file with `build`, puts it in the bucket
// and creates the video (H.264, no audio) with a current, complete analysis, through the lifecycles.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { keys, putObject } from "@/lib/platform/storage";
import { videoLifecycle } from "@/lib/videos/lifecycle";

export interface SeededVideo<T> {
  id: string;
  title: string;
  sourceKey: string;
  analysisId: string;
  built: T;
}

export async function seedReadyVideo<T>(o: {
  name: string;
  build: (file: string) => Promise<T>;
  title: (id: string) => string;
  facts: (built: T) => { durationS: number; fps: number; width: number; height: number };
}): Promise<SeededVideo<T>> {
  const admin = await db().user.findUniqueOrThrow({ where: { email: env().ADMIN_EMAIL } });
  const tmp = await mkdtemp(path.join(tmpdir(), `seed-${o.name}-`));
  const file = path.join(tmp, `${o.name}.mp4`);
  const built = await o.build(file);
  const bytes = new Uint8Array(await readFile(file));
  await rm(tmp, { recursive: true, force: true });
  const id = randomUUID();
  const sourceKey = keys.source(id, "mp4");
  await putObject(sourceKey, bytes, "video/mp4");
  const title = o.title(id);
  await db().video.create({
    data: {
      ...{ id, ownerId: admin.id, title, originalName: `${title}.mp4`, sourceKey },
      ...{ size: BigInt(bytes.length), ...videoLifecycle.seed("ready"), ...o.facts(built) },
      ...{ hasAudio: false, videoCodec: "h264" },
    },
  });
  const analysis = await db().analysis.create({
    data: {
      ...{ videoId: id, modelId: "seed", modelVersion: "1" },
      ...{ ...analysisLifecycle.seed("complete"), current: true },
    },
  });
  return { id, title, sourceKey, analysisId: analysis.id, built };
}
