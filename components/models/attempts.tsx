"use client";

import type { TModelVersionDto } from "@/lib/schemas/learn";
import { formatDate } from "../format";
import { RunError } from "./version-card";
import { HeldOutLine } from "./version-metrics";

/**
 * Runs that gave no version, each with its reason (issue #24): a refused head (the held-out check) or a
 * failed run. They are never listed among the versions, which only ready heads become.
 */
export function Attempts({ attempts }: { attempts: TModelVersionDto[] }) {
  if (attempts.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="attempts-title">
      <h2 id="attempts-title">Attempts that gave no version</h2>
      <ul className="plain-list stack" aria-label="Retrain attempts">
        {attempts.map((v) => (
          <li
            key={v.id}
            className="card stack"
            data-testid="retrain-attempt"
            aria-label={`attempt ${v.version}`}
          >
            <div>
              <strong>{v.status === "refused" ? "Not better than the active model" : "Failed"}</strong>{" "}
              <span className={`chip chip--${v.status}`} data-testid="version-status">
                {v.status}
              </span>{" "}
              <span className="muted">
                {formatDate(v.createdAt)} · from {v.parentVersion} · run {v.version}
              </span>
            </div>
            <RunError v={v} />
            {v.verdict && <p data-testid="verdict">{v.verdict}</p>}
            <HeldOutLine m={v.heldOut} label="This run" />
            <HeldOutLine m={v.parentHeldOut} label={`${v.parentVersion} on the same videos`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
