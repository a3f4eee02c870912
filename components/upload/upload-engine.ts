// Framework-free: part planning, retry, speed/ETA and the upload loop. The browser-only pieces (XHR, fetch)
// come in through `UploadDeps`, so the whole flow runs under vitest with fakes.
import type { TStoredPart, TUploadSession } from "@/lib/schemas/uploads";
import { UrlBatcher } from "./url-batcher";

export interface PartSpec {
  partNumber: number;
  start: number;
  end: number;
}

export interface DonePart {
  partNumber: number;
  etag: string;
}

export function planParts(size: number, partSize: number): PartSpec[] {
  const count = Math.max(1, Math.ceil(size / partSize));
  return Array.from({ length: count }, (_, i) => ({
    partNumber: i + 1,
    start: i * partSize,
    end: Math.min(size, (i + 1) * partSize),
  }));
}

/** Splits the plan into parts still to send and parts the server already holds (with the right size). */
export function resumePlan(plan: PartSpec[], stored: TStoredPart[]): { todo: PartSpec[]; done: DonePart[] } {
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  const todo: PartSpec[] = [];
  const done: DonePart[] = [];
  for (const spec of plan) {
    const have = byNumber.get(spec.partNumber);
    // A part recorded with another size belongs to a different split of the file: send it again.
    if (have && have.size === spec.end - spec.start)
      done.push({ partNumber: spec.partNumber, etag: have.etag });
    else todo.push(spec);
  }
  return { todo, done };
}

/** Transfer rate over a sliding window, so a stall shows up within seconds rather than being averaged away. */
export class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  sample(bytes: number, now: number): void {
    this.samples.push({ t: now, bytes });
    while (this.samples.length > 2 && now - this.samples[0].t > this.windowMs) this.samples.shift();
  }

  /** Bytes per second, or null until there is at least half a second of data. */
  bytesPerSecond(): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const dt = last.t - first.t;
    if (dt < 500) return null;
    return Math.max(0, (last.bytes - first.bytes) / (dt / 1000));
  }
}

export function etaSeconds(remainingBytes: number, bytesPerSecond: number | null): number | null {
  if (remainingBytes <= 0) return 0;
  if (!bytesPerSecond || bytesPerSecond <= 0) return null;
  return Math.ceil(remainingBytes / bytesPerSecond);
}

export const backoffMs = (attempt: number, baseMs: number) => baseMs * 2 ** (attempt - 1);

export function abortError(): Error {
  return new DOMException("Upload cancelled", "AbortError");
}

export const isAbort = (err: unknown) => (err as { name?: string } | null)?.name === "AbortError";

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: { tries?: number; baseDelayMs?: number; signal?: AbortSignal; onRetry?: (err: unknown) => void } = {},
): Promise<T> {
  const tries = opts.tries ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (isAbort(err) || opts.signal?.aborted || attempt >= tries) throw err;
      opts.onRetry?.(err);
      await sleep(backoffMs(attempt, opts.baseDelayMs ?? 500), opts.signal);
    }
  }
}

/** Runs `worker` over `items`, at most `concurrency` at once; the first failure stops new work. */
export async function runPool<T>(
  items: T[],
  concurrency: number,
  worker: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      if (signal?.aborted) throw abortError();
      const item = items[next++];
      try {
        await worker(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, lane);
  const results = await Promise.allSettled(lanes);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected) throw rejected.reason;
}

export interface FileLike {
  name: string;
  size: number;
  lastModified: number;
  type: string;
  slice(start: number, end: number): Blob;
}

export interface UploadApi {
  start(file: {
    fileName: string;
    size: number;
    lastModified: number;
    contentType: string;
  }): Promise<TUploadSession>;
  presign(uploadId: string, partNumbers: number[], signal: AbortSignal): Promise<Map<number, string>>;
  record(uploadId: string, part: DonePart & { size: number }): Promise<void>;
  complete(uploadId: string, parts: DonePart[]): Promise<{ videoId: string }>;
}

/** PUTs one part to a presigned URL, reporting bytes sent; resolves with the ETag response header. */
export type PutPart = (
  url: string,
  body: Blob,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
) => Promise<string>;

export interface UploadProgress {
  phase: "uploading" | "completing";
  loaded: number;
  total: number;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export interface UploadDeps {
  api: UploadApi;
  putPart: PutPart;
  signal: AbortSignal;
  onSession?: (session: TUploadSession) => void;
  onProgress?: (p: UploadProgress) => void;
  concurrency?: number;
  batchSize?: number;
  tries?: number;
  baseDelayMs?: number;
  now?: () => number;
}

/** Uploads `file` (resuming what the server already holds) and returns the new video's id. */
export async function uploadFile(file: FileLike, deps: UploadDeps): Promise<{ videoId: string }> {
  const { api, signal } = deps;
  const now = deps.now ?? (() => Date.now());
  const session = await api.start({
    fileName: file.name,
    size: file.size,
    lastModified: file.lastModified,
    contentType: file.type,
  });
  deps.onSession?.(session);

  const { todo, done } = resumePlan(planParts(file.size, session.partSize), session.parts);
  const alreadyStored = done.reduce(
    (sum, p) => sum + partLength(file.size, session.partSize, p.partNumber),
    0,
  );
  const inFlight = new Map<number, number>();
  let sentThisSession = 0;
  const meter = new SpeedMeter();

  const report = (phase: UploadProgress["phase"]) => {
    const sending = [...inFlight.values()].reduce((a, b) => a + b, 0);
    const loaded = alreadyStored + sentThisSession + sending;
    meter.sample(sentThisSession + sending, now());
    const speed = meter.bytesPerSecond();
    deps.onProgress?.({
      phase,
      loaded,
      total: file.size,
      bytesPerSecond: speed,
      etaSeconds: etaSeconds(file.size - loaded, speed),
    });
  };
  report("uploading");

  const urls = new UrlBatcher(
    todo.map((p) => p.partNumber),
    deps.batchSize ?? 20,
    (nums) => api.presign(session.id, nums, signal),
  );

  await runPool(
    todo,
    deps.concurrency ?? 4,
    async (spec) => {
      const body = file.slice(spec.start, spec.end);
      const etag = await withRetry(
        async (attempt) => {
          // A retry may follow an expired URL (403), so it asks for a fresh one.
          if (attempt > 1) urls.forget(spec.partNumber);
          const url = await urls.get(spec.partNumber);
          inFlight.set(spec.partNumber, 0);
          try {
            return await deps.putPart(
              url,
              body,
              (loaded) => {
                inFlight.set(spec.partNumber, loaded);
                report("uploading");
              },
              signal,
            );
          } finally {
            inFlight.delete(spec.partNumber);
          }
        },
        { tries: deps.tries ?? 3, baseDelayMs: deps.baseDelayMs, signal },
      );
      sentThisSession += spec.end - spec.start;
      done.push({ partNumber: spec.partNumber, etag });
      report("uploading");
      // Losing this record only costs re-sending the part after a reload, so it does not fail the upload.
      await api
        .record(session.id, { partNumber: spec.partNumber, etag, size: spec.end - spec.start })
        .catch(() => undefined);
    },
    signal,
  );

  if (signal.aborted) throw abortError();
  report("completing");
  const parts = [...done].sort((a, b) => a.partNumber - b.partNumber);
  return withRetry(() => api.complete(session.id, parts), {
    tries: 2,
    baseDelayMs: deps.baseDelayMs,
    signal,
  });
}

function partLength(size: number, partSize: number, partNumber: number): number {
  return Math.max(0, Math.min(partSize, size - (partNumber - 1) * partSize));
}
