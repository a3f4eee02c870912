"use client";

import { jobStates, type TQueueJobDto } from "@/lib/schemas/queues";
import { formatDate } from "../format";
import { CleanupPanel } from "./cleanup-panel";
import { useJobAction, useQueues } from "./use-queues";

// Column order on the page; the API sends every state BullMQ counts.
const shown = jobStates;

function JobData({ data }: { data: unknown }) {
  return <code className="queue-job__data">{JSON.stringify(data)}</code>;
}

function FailedJob({ job }: { job: TQueueJobDto }) {
  const action = useJobAction();
  const busy = action.isPending;
  const run = (a: "retry" | "remove") => action.mutate({ queue: job.queue, jobId: job.id, action: a });
  return (
    <li className="queue-job" data-testid="failed-job" aria-label={`${job.queue} ${job.id}`}>
      <div>
        <span className="chip chip--failed">{job.queue}</span> <strong>{job.id}</strong>{" "}
        <span className="muted">
          attempt {job.attemptsMade} of {job.attempts}
          {job.finishedAt ? ` · failed ${formatDate(job.finishedAt)}` : ""}
        </span>
      </div>
      <p className="error-text" data-testid="failed-reason">
        {job.failedReason ?? "(no reason recorded)"}
      </p>
      {job.stackHead && <pre className="queue-job__stack">{job.stackHead}</pre>}
      <JobData data={job.data} />
      <div className="queue-job__actions">
        <button type="button" className="button" disabled={busy} onClick={() => run("retry")}>
          Retry
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => run("remove")}>
          Remove
        </button>
      </div>
      {action.isError && (
        <p className="error-text" role="alert">
          {action.error.message}
        </p>
      )}
    </li>
  );
}

/** A job's progress as people read it ("cutting · 40 %"); anything else as its JSON, wrapping. */
function ProgressText({ progress }: { progress: unknown }) {
  const p = progress as { stage?: unknown; fraction?: unknown } | null;
  if (p && typeof p === "object" && typeof p.fraction === "number")
    return (
      <span>
        {typeof p.stage === "string" ? `${p.stage} · ` : ""}
        {Math.round(p.fraction * 100)} %
      </span>
    );
  return <code className="wrap-anywhere">{JSON.stringify(progress)}</code>;
}

export function QueuesAdmin() {
  const q = useQueues();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Queues</h1>
      </div>
      {q.isError && (
        <p className="error-text" role="alert">
          {q.error.message}
        </p>
      )}
      {q.data && (
        <>
          <div className="queue-table">
            <table className="table table--cards table--cards-pairs" aria-label="Queues">
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  {shown.map((s) => (
                    <th scope="col" key={s}>
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.data.queues.map((row) => (
                  <tr key={row.queue} data-testid="queue-row" aria-label={row.queue}>
                    <th scope="row">
                      {row.queue}
                      {row.paused && <span className="chip"> paused</span>}
                    </th>
                    {shown.map((s) => (
                      <td key={s} data-state={s} data-label={s}>
                        {row.counts[s]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>Running</h2>
          {q.data.active.length === 0 ? (
            <p className="muted">No job is running.</p>
          ) : (
            <table className="table table--cards" aria-label="Running jobs">
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col">Job</th>
                  <th scope="col">Started</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Progress</th>
                </tr>
              </thead>
              <tbody>
                {q.data.active.map((j) => (
                  <tr key={`${j.queue}/${j.id}`} data-testid="active-job">
                    <td data-label="Queue">{j.queue}</td>
                    <td data-label="Job">
                      {j.id} <JobData data={j.data} />
                    </td>
                    <td data-label="Started">{j.processedAt ? formatDate(j.processedAt) : "–"}</td>
                    <td data-label="Attempt">
                      {j.attemptsMade + 1} of {j.attempts}
                    </td>
                    <td data-label="Progress">
                      <ProgressText progress={j.progress} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h2>Failed</h2>
          {q.data.failed.length === 0 ? (
            <p className="muted">No failed job is kept.</p>
          ) : (
            <ul className="queue-jobs" aria-label="Failed jobs">
              {q.data.failed.map((j) => (
                <FailedJob key={`${j.queue}/${j.id}`} job={j} />
              ))}
            </ul>
          )}
        </>
      )}
      <CleanupPanel />
    </div>
  );
}
