"use client";

import type { TModelVersionDto } from "@/lib/schemas/learn";
import { formatDate } from "../format";
import { useActivate } from "./use-versions";
import { HeldOutLine } from "./version-metrics";
import { jobStatusText, progressTail } from "../status/job-status";

/** A failed run's plain reason, with the trainer's own output folded away (issue #24). */
export function RunError({ v }: { v: TModelVersionDto }) {
  if (!v.error) return null;
  return (
    <div>
      <p className="error-text" role="alert" data-testid="run-error">
        {v.error}
      </p>
      {v.errorDetail && (
        <details>
          <summary>Technical detail</summary>
          <pre className="run-detail">{v.errorDetail}</pre>
        </details>
      )}
    </div>
  );
}

export function Version({ v, canActivate }: { v: TModelVersionDto; canActivate: boolean }) {
  const activate = useActivate();
  const running = v.status === "queued" || v.status === "training";
  const ex = v.examples;
  return (
    <li className="card stack" data-testid="model-version" aria-label={`version ${v.version}`}>
      <div>
        <strong>{v.version}</strong>{" "}
        <span className={`chip chip--${v.status}`} data-testid="version-status">
          {v.active ? "active" : v.status}
        </span>{" "}
        <span className="muted">
          from {v.parentVersion} · {formatDate(v.createdAt)}
          {v.trainSeconds !== null ? ` · ${Math.round(v.trainSeconds)} s` : ""}
        </span>
      </div>
      {running && (
        <div>
          <progress max={1} value={v.progress} aria-label={`retrain progress ${v.version}`} />{" "}
          <span data-testid="retrain-stage">
            {v.job && v.job.state !== "running"
              ? jobStatusText(v.job, v.stage ?? "training")
              : `${v.stage ?? "waiting for a worker"} · ${Math.round(v.progress * 100)} %${v.job ? progressTail(v.job) : ""}`}
          </span>
        </div>
      )}
      <RunError v={v} />
      {v.verdict && <p data-testid="verdict">{v.verdict}</p>}
      <HeldOutLine m={v.heldOut} label="This version" />
      <HeldOutLine m={v.parentHeldOut} label={`${v.parentVersion} on the same videos`} />
      {Object.entries(v.newLabels).map(([label, m]) => (
        <HeldOutLine key={label} m={m} label={`New label "${label}" (no earlier version to compare)`} />
      ))}
      {ex?.leftOut?.map((l) => (
        <p key={l} className="muted" data-testid="label-left-out">
          {l}
        </p>
      ))}
      {ex && (
        <p className="muted" data-testid="examples">
          Trained on {ex.windows.positive} event and {ex.windows.background} background windows from{" "}
          {ex.videos.train} video{ex.videos.train === 1 ? "" : "s"}; {ex.videos.heldOut} held out; {ex.labels}{" "}
          labels in all
        </p>
      )}
      {v.fingerprint && <p className="muted">Training data fingerprint {v.fingerprint.slice(0, 12)}…</p>}
      {canActivate && v.status === "ready" && !v.active && (
        <div>
          <button
            type="button"
            className="button"
            disabled={activate.isPending}
            onClick={() => activate.mutate(v.id)}
          >
            Activate {v.version}
          </button>
        </div>
      )}
      {activate.isError && (
        <p className="error-text" role="alert">
          {activate.error.message}
        </p>
      )}
      {activate.data && (
        <p role="status">Active; re-scoring {activate.data.rescoring} videos from their cached features.</p>
      )}
    </li>
  );
}
