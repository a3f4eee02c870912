"use client";

import Link from "next/link";
import { formatDate, formatDuration } from "../format";
import { AddLiveForm } from "./add-live-form";
import { liveFailureHelp } from "./live-failure";
import { LiveStatusChip } from "./live-status";
import { useLiveSources } from "./use-live";

export function LiveList({ canEdit }: { canEdit: boolean }) {
  const sources = useLiveSources();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Live</h1>
      </div>
      {canEdit && <AddLiveForm />}
      {sources.isPending && <p className="muted">Loading live sources…</p>}
      {sources.isError && (
        <p className="error-text" role="alert">
          Could not load live sources: {sources.error.message}
        </p>
      )}
      {sources.data?.length === 0 && <p className="empty">No live sources yet.</p>}
      {sources.data && sources.data.length > 0 && (
        <table className="table table--cards" aria-label="Live sources">
          <thead>
            <tr>
              <th>Title</th>
              <th>Status</th>
              <th className="hide-narrow">Stream time</th>
              <th>Highlights</th>
              <th className="hide-narrow">Added</th>
            </tr>
          </thead>
          <tbody>
            {sources.data.map((s) => (
              <tr key={s.id}>
                <td data-label="Title">
                  <Link href={`/live/${s.id}`}>{s.title}</Link>
                </td>
                <td data-label="Status">
                  <LiveStatusChip source={s} />
                  {s.status === "failed" ? (
                    <div className="muted live-list__reason">{liveFailureHelp(s.error).reason}</div>
                  ) : null}
                </td>
                <td className="hide-narrow" data-label="Stream time">
                  {formatDuration(s.streamTimeS)}
                </td>
                <td data-label="Highlights">{s.highlights}</td>
                <td className="hide-narrow" data-label="Added">
                  {formatDate(s.createdAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
