/**
 * The reason a job's signal carries when its lock is (or may be) lost: its children are killed at once,
 * and the runtime hands the job back rather than failing it (worker/runtime.ts).
 */
export class LockLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LockLostError";
  }
}

/**
 * How long after its last confirmed renewal a job's lock is taken as lost. A renewal sets the lock to
 * expire `lockMs` after Redis ran it; we hear of it a moment later, so the lock is sure to hold until
 * about `lockMs` after we heard. Only after it has expired can another worker's stalled-job check take
 * the job, so stopping at 80 % (at least 1 s early) kills the children before anyone else can start
 * them. BullMQ renews every quarter to half of `lockMs`, so a healthy job never gets near this.
 */
export const lockGraceMs = (lockMs: number) => lockMs - Math.max(lockMs / 5, 1_000);

interface Watched {
  timer: NodeJS.Timeout;
  onLost(err: LockLostError): void;
}

/**
 * Watches the locks of the jobs one BullMQ Worker runs (issue #23). BullMQ reports a renewal that Redis
 * refused (`lockRenewalFailed`: the lock is gone), but one that cannot reach Redis only shows up as an
 * error, and the job runs on: when Redis came back after its lock had expired, the job was taken again
 * while its first ffmpeg still ran, and two copies of one cut held both CPU slots for 18 minutes. Here
 * every running job has a deadline, moved on by each confirmed renewal; at the deadline, or when Redis
 * refuses a renewal, `onLost` aborts the job (its ffmpeg/trainer children are killed with it).
 */
export class LockWatch {
  private readonly jobs = new Map<string, Watched>();

  constructor(private readonly lockMs: number) {}

  /** `lockedAt`: when the job's lock was taken (a time no later than that: the lock lasts from then). */
  track(jobId: string, lockedAt: number, onLost: (err: LockLostError) => void): () => void {
    this.untrack(jobId);
    const entry: Watched = { timer: this.arm(jobId, lockedAt), onLost };
    this.jobs.set(jobId, entry);
    return () => {
      if (this.jobs.get(jobId) === entry) this.untrack(jobId);
    };
  }

  /** BullMQ's `locksRenewed`: these jobs' locks now last `lockMs` from about now. */
  renewed(jobIds: string[]): void {
    const now = Date.now();
    for (const id of jobIds) {
      const entry = this.jobs.get(id);
      if (!entry) continue;
      clearTimeout(entry.timer);
      entry.timer = this.arm(id, now);
    }
  }

  /** BullMQ's `lockRenewalFailed`: Redis answered, and these locks are not ours any more. */
  lost(jobIds: string[], reason: string): void {
    for (const id of jobIds) this.fire(id, reason);
  }

  private arm(jobId: string, from: number): NodeJS.Timeout {
    const grace = lockGraceMs(this.lockMs);
    return setTimeout(
      () => this.fire(jobId, `its lock was not renewed within ${grace / 1000} s (is Redis unreachable?)`),
      Math.max(0, from + grace - Date.now()),
    );
  }

  private fire(jobId: string, reason: string): void {
    const entry = this.jobs.get(jobId);
    if (!entry) return;
    this.untrack(jobId);
    entry.onLost(
      new LockLostError(`job ${jobId} stopped: ${reason}; it will run again once its lock is free`),
    );
  }

  private untrack(jobId: string): void {
    const entry = this.jobs.get(jobId);
    if (entry) clearTimeout(entry.timer);
    this.jobs.delete(jobId);
  }
}
