import { isAbort, uploadFile, type PutPart, type UploadApi, type UploadProgress } from "./upload-engine";

export type UploadStatus = "waiting" | "uploading" | "completing" | "failed";

export interface UploadItem {
  localId: string;
  /** The server's upload id, once it has answered. */
  uploadId: string | null;
  fileName: string;
  size: number;
  status: UploadStatus;
  loaded: number;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
  resumed: boolean;
  error: string | null;
}

interface Deps {
  api: UploadApi;
  putPart: PutPart;
  abortRequest: (uploadId: string) => Promise<unknown>;
  /** Called once the video row exists; the item disappears when it resolves, so the row takes over. */
  onDone: (videoId: string) => Promise<void>;
}

const PROGRESS_EVERY_MS = 200;
const fingerprint = (f: File) => `${f.name}:${f.size}:${f.lastModified}`;

/**
 * The in-browser upload queue: files go one after another (each with parallel parts) so several large
 * files do not split the bandwidth and all finish late. Exposes an immutable snapshot for React.
 */
export class UploadStore {
  private items: UploadItem[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly files = new Map<string, File>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly uploadIds = new Map<string, string>();
  private pumping = false;
  private seq = 0;

  constructor(private readonly deps: Deps) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.items;

  add(files: File[]): void {
    for (const file of files) {
      const existing = this.items.find((i) => fingerprint(this.files.get(i.localId)!) === fingerprint(file));
      if (existing && existing.status !== "failed") continue;
      if (existing) {
        this.retry(existing.localId);
        continue;
      }
      const localId = `u${++this.seq}`;
      this.files.set(localId, file);
      this.items = [...this.items, { ...blank(file), localId }];
    }
    this.emit();
    void this.pump();
  }

  retry(localId: string): void {
    this.patch(localId, { status: "waiting", error: null, bytesPerSecond: null, etaSeconds: null });
    void this.pump();
  }

  /** Stops the transfer and tells the server to abort the multipart upload; the item goes away. */
  cancel(localId: string): void {
    this.controllers.get(localId)?.abort();
    const uploadId = this.uploadIds.get(localId);
    if (uploadId) void this.deps.abortRequest(uploadId).catch(() => undefined);
    this.remove(localId);
  }

  dismiss(localId: string): void {
    this.remove(localId);
  }

  hasActive(): boolean {
    return this.items.some((i) => i.status !== "failed");
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let next = this.nextWaiting(); next; next = this.nextWaiting()) await this.run(next);
    } finally {
      this.pumping = false;
    }
  }

  private nextWaiting() {
    return this.items.find((i) => i.status === "waiting");
  }

  private async run(item: UploadItem): Promise<void> {
    const file = this.files.get(item.localId)!;
    const controller = new AbortController();
    this.controllers.set(item.localId, controller);
    this.patch(item.localId, { status: "uploading" });
    const progress = throttle(PROGRESS_EVERY_MS, (p: UploadProgress) =>
      this.patch(item.localId, {
        status: p.phase,
        loaded: p.loaded,
        bytesPerSecond: p.bytesPerSecond,
        etaSeconds: p.etaSeconds,
      }),
    );
    try {
      const { videoId } = await uploadFile(file, {
        api: this.deps.api,
        putPart: this.deps.putPart,
        signal: controller.signal,
        onSession: (s) => {
          this.uploadIds.set(item.localId, s.id);
          this.patch(item.localId, { uploadId: s.id, resumed: s.resumed });
        },
        onProgress: progress.call,
      });
      await this.deps.onDone(videoId);
      this.remove(item.localId);
    } catch (err) {
      if (controller.signal.aborted || isAbort(err)) return;
      this.patch(item.localId, { status: "failed", error: err instanceof Error ? err.message : String(err) });
    } finally {
      progress.cancel();
      this.controllers.delete(item.localId);
    }
  }

  private patch(localId: string, change: Partial<UploadItem>): void {
    if (!this.items.some((i) => i.localId === localId)) return;
    this.items = this.items.map((i) => (i.localId === localId ? { ...i, ...change } : i));
    this.emit();
  }

  private remove(localId: string): void {
    this.items = this.items.filter((i) => i.localId !== localId);
    this.files.delete(localId);
    this.uploadIds.delete(localId);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** At most one call per `ms`, and always a trailing one: the last state must never be dropped. */
export function throttle<A>(ms: number, fn: (arg: A) => void) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { arg: A } | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    last = Date.now();
    const { arg } = pending;
    pending = undefined;
    fn(arg);
  };
  return {
    call: (arg: A) => {
      pending = { arg };
      if (timer) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}

function blank(file: File): Omit<UploadItem, "localId"> {
  return {
    uploadId: null,
    fileName: file.name,
    size: file.size,
    status: "waiting",
    loaded: 0,
    bytesPerSecond: null,
    etaSeconds: null,
    resumed: false,
    error: null,
  };
}
