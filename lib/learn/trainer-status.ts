// Issues #24/#30: whether retraining can run, said before a run starts. Each worker checks at start that
// its TRAIN_PYTHON imports the trainer's modules and records the answer per host; the Models page and
// POST /api/model-versions read it.
import { db } from "@/lib/platform/db";

/** What models/tools/train.py imports; Debian packages each as python3-<module>. */
export const TRAINER_MODULES = ["torch", "onnx", "numpy"] as const;

export interface TrainerStatus {
  state: "ok" | "missing" | "unknown";
  /** a plain sentence for the page; null when ok */
  message: string | null;
}

/** The sentence for a Python without the trainer's modules (or with no Python there at all). */
export function missingTrainerMessage(o: {
  host?: string;
  python: string;
  missing: readonly string[];
}): string {
  const where = o.host ? `the worker on ${o.host}` : "the worker";
  const pkgs = o.missing.map((m) => `python3-${m}`).join(" ");
  return (
    `Retraining is off: ${where} cannot run the trainer because its Python (${o.python}) lacks ${o.missing.join(", ")}. ` +
    `Install them (sudo apt-get install ${pkgs}; \`npm run up\` does this when it may use apt), then restart the worker.`
  );
}

export async function recordTrainerCheck(o: {
  host: string;
  python: string;
  missing: string[];
}): Promise<void> {
  const data = { ok: o.missing.length === 0, missing: o.missing, python: o.python, checkedAt: new Date() };
  await db().trainerCheck.upsert({
    where: { host_python: { host: o.host, python: o.python } },
    create: { host: o.host, ...data },
    update: data,
  });
}

/** ok when any worker host can train (a retrain goes to whichever worker takes it first). */
export async function trainerStatus(): Promise<TrainerStatus> {
  const rows = await db().trainerCheck.findMany({ orderBy: { checkedAt: "desc" } });
  if (rows.some((r) => r.ok)) return { state: "ok", message: null };
  const last = rows[0];
  if (!last)
    return { state: "unknown", message: "No worker has checked the trainer yet (is a worker running?)." };
  return { state: "missing", message: missingTrainerMessage({ ...last, host: last.host }) };
}
