"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatBytes } from "@/lib/uploads/names";
import { apiFetch } from "../api";
import { formatDate } from "../format";
import { queueKeys } from "./keys";

// Issue #16: the janitor's dry run on the operators' page. GET /api/admin/janitor lists what a run would
// remove now (it walks the whole bucket, so the page asks once and on Refresh, not on every poll).

interface CleanupOverview {
  report: {
    generatedAt: string;
    expiredUploads: { id: string; fileName: string; lastActivity: string }[];
    orphans: { key: string; size: number; reason: string }[];
    orphanCount: number;
    orphanBytes: number;
    objectsChecked: number;
  };
  outbox: { count: number; oldest: string | null; lastError: string | null };
  uploadExpireHours: number;
  intervalHours: number;
}

const cleanupKey = [...queueKeys.all, "cleanup"] as const;

export function CleanupPanel() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: cleanupKey,
    queryFn: ({ signal }) => apiFetch<CleanupOverview>("/api/admin/janitor", { signal }),
    staleTime: Infinity,
  });
  const run = useMutation({
    mutationFn: () => apiFetch<{ queued: boolean }>("/api/admin/janitor", { body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: queueKeys.overview() }),
  });
  const r = q.data?.report;
  return (
    <section className="stack" aria-labelledby="cleanup-heading" data-testid="cleanup">
      <h2 id="cleanup-heading">Storage cleanup</h2>
      {q.isError && (
        <p className="error-text" role="alert">
          {q.error.message}
        </p>
      )}
      {q.isPending && <p className="muted">Checking the bucket…</p>}
      {q.data && r && (
        <>
          <p data-testid="cleanup-summary">
            Dry run at {formatDate(r.generatedAt)}: {r.objectsChecked} objects checked;{" "}
            <strong>
              {r.orphanCount} orphaned ({formatBytes(r.orphanBytes)})
            </strong>{" "}
            and <strong>{r.expiredUploads.length} abandoned uploads</strong> would be removed. The janitor
            runs every {q.data.intervalHours} h; uploads expire after {q.data.uploadExpireHours} h without a
            part.
          </p>
          <p data-testid="outbox">
            {q.data.outbox.count === 0
              ? "Outbox: every committed job has reached Redis."
              : `Outbox: ${q.data.outbox.count} jobs wait for Redis${
                  q.data.outbox.oldest ? ` since ${formatDate(q.data.outbox.oldest)}` : ""
                }${q.data.outbox.lastError ? ` (${q.data.outbox.lastError})` : ""}.`}
          </p>
          {r.expiredUploads.length > 0 && (
            <table className="table table--cards" aria-label="Abandoned uploads">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Last part</th>
                </tr>
              </thead>
              <tbody>
                {r.expiredUploads.map((u) => (
                  <tr key={u.id}>
                    <td data-label="File">{u.fileName}</td>
                    <td data-label="Last part">{formatDate(u.lastActivity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.orphans.length > 0 && (
            <table className="table table--cards" aria-label="Orphaned objects">
              <thead>
                <tr>
                  <th scope="col">Object</th>
                  <th scope="col">Size</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {r.orphans.map((o) => (
                  <tr key={o.key}>
                    <td data-label="Object">
                      <code>{o.key}</code>
                    </td>
                    <td data-label="Size">{formatBytes(o.size)}</td>
                    <td data-label="Why">{o.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.orphans.length < r.orphanCount && (
            <p className="muted">
              The first {r.orphans.length} of {r.orphanCount} are listed.
            </p>
          )}
        </>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={q.isFetching} onClick={() => void q.refetch()}>
          {q.isFetching ? "Checking…" : "Refresh report"}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={run.isPending}
          onClick={() => run.mutate()}
        >
          {run.isPending ? "Queuing…" : "Clean up now"}
        </button>
      </div>
      {run.isSuccess && (
        <p role="status" data-testid="cleanup-queued">
          Cleanup queued: it shows as a janitor job above; refresh the report when it has run.
        </p>
      )}
      {run.isError && (
        <p className="error-text" role="alert">
          {run.error.message}
        </p>
      )}
    </section>
  );
}
