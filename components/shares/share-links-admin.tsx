"use client";

import Link from "next/link";
import { formatDate } from "../format";
import { useLiveShares, useRevokeShare } from "./use-shares";

/**
 * Admins: every share link that still opens something (not revoked, not expired, its video not in the
 * trash), and Revoke. A revoked link answers 404 at once, page and media alike.
 */
export function ShareLinksAdmin() {
  const links = useLiveShares();
  const revoke = useRevokeShare();
  return (
    <section className="stack" aria-labelledby="share-links-title">
      <h2 id="share-links-title">Share links</h2>
      <p className="muted">
        Links editors made to play a reel or a clip without an account. Each stops working when it expires or
        is revoked.
      </p>
      {links.isError ? (
        <p className="error-text" role="alert">
          {links.error.message}
        </p>
      ) : null}
      {revoke.error ? (
        <p className="error-text" role="alert">
          {revoke.error.message}
        </p>
      ) : null}
      {links.data?.length === 0 ? <p className="empty">No live share links.</p> : null}
      {links.data && links.data.length > 0 ? (
        <ul className="share-links" aria-label="Live share links">
          {links.data.map((l) => (
            <li key={l.id} className="card share-links__item" data-testid="share-link-row">
              <div>
                <strong>{l.what}</strong> · <Link href={`/videos/${l.videoId}`}>{l.videoTitle}</Link>
                <p className="muted">
                  {l.kind} · by {l.createdBy ?? "a removed user"} on {formatDate(l.createdAt)} · expires{" "}
                  {formatDate(l.expiresAt)}
                </p>
              </div>
              <button
                type="button"
                className="button"
                disabled={revoke.isPending && revoke.variables === l.id}
                onClick={() => revoke.mutate(l.id)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
