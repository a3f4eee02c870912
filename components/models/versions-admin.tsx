"use client";

import type { TModelVersionsDto } from "@/lib/schemas/learn";
import { Attempts } from "./attempts";
import { useActivate, useStartRetrain, useVersions } from "./use-versions";
import { Version } from "./version-card";

/**
 * Whether the button can start a run, and why not, before anyone presses it (issue #24): the retrain
 * job's own rule on the labels, and a worker whose Python can train (issue #30).
 */
function RetrainReadiness({ d }: { d: TModelVersionsDto }) {
  return (
    <div className="stack stack--tight" data-testid="retrain-readiness">
      {d.trainer.state === "missing" && (
        <p className="error-text" role="alert" data-testid="trainer-missing">
          {d.trainer.message}
        </p>
      )}
      {d.trainer.state === "unknown" && <p className="muted">{d.trainer.message}</p>}
      <p className={d.readiness.ready ? "muted" : ""} data-testid="retrain-rule">
        {d.readiness.message}
      </p>
      {d.readiness.leftOut.map((l) => (
        <p key={l} className="muted">
          {l}
        </p>
      ))}
    </div>
  );
}

export function VersionsAdmin({ canActivate }: { canActivate: boolean }) {
  const q = useVersions();
  const start = useStartRetrain();
  const rollback = useActivate();
  const d = q.data;
  const running = d?.versions.some((v) => v.status === "queued" || v.status === "training") ?? false;
  const blocked = !d || !d.readiness.ready || d.trainer.state === "missing" || running;
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Model versions</h1>
        <button
          type="button"
          className="button button--primary"
          disabled={start.isPending || blocked}
          title={running ? "A retrain is under way" : undefined}
          onClick={() => start.mutate()}
        >
          Retrain from labels
        </button>
      </div>
      {d && <RetrainReadiness d={d} />}
      {start.isError && (
        <p className="error-text" role="alert">
          {start.error.message}
        </p>
      )}
      {q.isError && (
        <p className="error-text" role="alert">
          {q.error.message}
        </p>
      )}
      {d && (
        <>
          <p data-testid="installed">
            {d.modelId} {d.installedVersion}, as installed
            {d.activeId === null ? " (active)" : ""}
            {canActivate && d.activeId !== null && (
              <>
                {" "}
                <button
                  type="button"
                  className="button"
                  disabled={rollback.isPending}
                  onClick={() => rollback.mutate(null)}
                >
                  Roll back to {d.installedVersion}
                </button>
              </>
            )}
          </p>
          {d.versions.length === 0 && <p className="muted">No retrained versions yet.</p>}
          <ul className="plain-list stack" aria-label="Model versions">
            {d.versions.map((v) => (
              <Version key={v.id} v={v} canActivate={canActivate} />
            ))}
          </ul>
          <Attempts attempts={d.attempts} />
        </>
      )}
    </div>
  );
}
