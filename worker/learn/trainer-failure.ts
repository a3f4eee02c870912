// Issue #24: a failed retrain shows a plain sentence; the trainer's own last lines are kept apart as
// the detail (folded away on the Models page), never shown as the message.
import { missingTrainerMessage } from "@/lib/learn/trainer-status";

/** A trainer run that did not give a head: `message` for people, `detail` for whoever debugs it. */
export class TrainerError extends Error {
  constructor(
    message: string,
    readonly detail: string | null,
  ) {
    super(message);
    this.name = "TrainerError";
  }
}

/** Pure: what a trainer exit means, from its code or signal and its last output lines. */
export function describeTrainerExit(o: {
  python: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  tail: readonly string[];
}): TrainerError {
  const detail = o.tail.join("\n") || null;
  const lacking = /No module named '([^'.]+)/.exec(detail ?? "")?.[1];
  if (lacking)
    return new TrainerError(missingTrainerMessage({ python: o.python, missing: [lacking] }), detail);
  if (o.code === 127 || o.code === 126)
    return new TrainerError(
      `Retraining is off: TRAIN_PYTHON (${o.python}) cannot be run. Install Debian's python3 (\`npm run up\` does), or set TRAIN_PYTHON to a Python with torch, onnx and numpy.`,
      detail,
    );
  if (o.signal === "SIGKILL")
    return new TrainerError(
      "The trainer was killed (SIGKILL) before it finished; the machine may have run out of memory. Start the retrain again, or with fewer labelled videos.",
      detail,
    );
  if (o.signal)
    return new TrainerError(
      `The trainer was stopped by ${o.signal} before it finished. Start the retrain again.`,
      detail,
    );
  return new TrainerError(
    `The trainer stopped with an error (exit code ${o.code}). The detail below is its last output.`,
    detail,
  );
}

/** Pure: the error for a trainer that could not be started at all (spawn error). */
export function trainerSpawnError(python: string, err: NodeJS.ErrnoException): TrainerError {
  if (err.code === "ENOENT")
    return new TrainerError(
      `Retraining is off: there is no program at TRAIN_PYTHON (${python}) or no \`nice\` to start it with. Install Debian's python3 (\`npm run up\` does), or set TRAIN_PYTHON to a Python with torch, onnx and numpy.`,
      err.message,
    );
  if (err.name === "AbortError")
    return new TrainerError(
      "Training was stopped: it ran past its time limit or the job was cancelled.",
      err.message,
    );
  return new TrainerError(`The trainer could not be started (${err.code ?? err.name}).`, err.message);
}
