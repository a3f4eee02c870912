"use client";

import { useState } from "react";
import type { TAspect } from "@/lib/reframe/aspect";
import type { TShareCreate } from "@/lib/schemas/shares";
import { CopyLink } from "../review/copy-link";
import { useCreateShare } from "./use-shares";

const LIFETIMES = [
  { days: 1, label: "1 day" },
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
];

type Target =
  | { kind: "reel"; videoId: string }
  | { kind: "clip"; highlightId: string; aspect?: TAspect; brand?: boolean };

/**
 * "Share…": a link that plays this reel or clip without an account, until it expires or an admin
 * revokes it (Users page). The link is shown once: only its hash is stored.
 */
export function ShareButton({ target, name }: { target: Target; name: string }) {
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState(7);
  const create = useCreateShare();
  const made = create.data;
  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Share {name}…
      </button>
    );
  return (
    <div className="share-form" role="group" aria-label={`Share ${name}`}>
      {made ? (
        <>
          <p className="muted">
            Anyone with this link can play the {name} until {new Date(made.expiresAt).toLocaleString()},
            without an account.
          </p>
          <input
            className="input"
            readOnly
            aria-label="Share link"
            value={`${window.location.origin}${made.path}`}
          />
          <CopyLink label="Copy share link" href={() => `${window.location.origin}${made.path}`} />
        </>
      ) : (
        <>
          <label>
            Link lasts{" "}
            <select className="input" value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
              {LIFETIMES.map((l) => (
                <option key={l.days} value={l.days}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--primary"
            disabled={create.isPending}
            onClick={() => create.mutate({ ...target, days } as TShareCreate)}
          >
            Create link
          </button>
        </>
      )}
      <button
        type="button"
        className="button"
        onClick={() => {
          setOpen(false);
          create.reset();
        }}
      >
        Close
      </button>
      {create.error ? (
        <p className="error-text" role="alert">
          {create.error.message}
        </p>
      ) : null}
    </div>
  );
}
