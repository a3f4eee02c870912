"use client";

import { useEffect, useRef, useState } from "react";
import { labelsOf } from "@/lib/clips/selection";
import { ZExportFormat } from "@/lib/exports";
import { percent } from "../format";
import { clipSummary, reelPlan } from "./downloads-copy";
import { ShareButton } from "../shares/share-button";
import { EXPORT_FORMATS } from "./export-formats";
import { downloadHref, reelOfLabel } from "./label-choice";
import { useBuildReel, useHighlights, useReel } from "./use-highlights";
import { jobStatusText } from "../status/job-status";
import { BrandToggle, reelDressText } from "../brand/brand-toggle";
import type { TAspect } from "@/lib/reframe/aspect";
import { isPlainCut, variantText, type TVariant } from "@/lib/reframe/variant";
import { AspectRow } from "../reframe/aspect-downloads";
import { aspectProgress, variantWords } from "../reframe/aspect-progress";

/**
 * Clips, reel and exports: one download menu (every file this video offers, each with a line on what
 * opens it) and the reel with its progress. Single clips download from their highlight cards. With more
 * than one label, one choice (all labels or one) applies to the ZIP, the reel and the exports.
 */
export function DownloadsPanel({
  videoId,
  canEdit,
  variant,
  setAspect,
  setBranded,
}: {
  videoId: string;
  canEdit: boolean;
  /** issue #29: the room's aspect and brand switch: the ZIP's, the cards' and the next reel's */
  variant: TVariant;
  setAspect: (a: TAspect) => void;
  setBranded: (on: boolean) => void;
}) {
  const branded = variant.branded;
  const list = useHighlights(videoId);
  const all = list.data?.highlights ?? [];
  const labels = labelsOf(all);
  const [chosen, setChosen] = useState<string | null>(null);
  // A choice the current analysis no longer has (re-analysed, re-scored) falls back to every label.
  const label = chosen !== null && labels.includes(chosen) ? chosen : null;
  const reel = useReel(videoId, label);
  const build = useBuildReel(videoId, label);
  const highlights = label === null ? all : all.filter((h) => h.label === label);
  const kept = highlights.filter((h) => h.status !== "rejected");
  const clips = kept.filter((h) => h.clipUrl).length;
  const plan = reelPlan(highlights, label);
  const r = reel.data;
  const zip = isPlainCut(variant) ? clips > 0 : aspectProgress(highlights, variant).allReady;
  const reelBusy = r?.status === "cutting";

  return (
    <section className="card downloads stack" aria-labelledby="downloads-title" data-testid="downloads">
      <div className="page-head">
        <h2 id="downloads-title">Clips, reel and exports</h2>
        <DownloadMenu
          videoId={videoId}
          label={label}
          variant={variant}
          zip={zip}
          reel={r?.url && !reelBusy ? { url: r.url, name: r.downloadName, of: reelOfLabel(r.label) } : null}
          exports={kept.length > 0}
        />
      </div>
      {labels.length > 1 ? (
        <label className="field">
          Labels (clips, reel and exports)
          <select
            className="input"
            value={label ?? ""}
            onChange={(e) => setChosen(e.currentTarget.value || null)}
          >
            <option value="">All labels</option>
            {labels.map((l) => (
              <option key={l} value={l}>
                {l} only
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="aspect-row">
        <AspectRow
          videoId={videoId}
          label={label}
          variant={variant}
          setAspect={setAspect}
          highlights={highlights}
        />
        <BrandToggle on={branded} onChange={setBranded} />
      </div>
      <p className="muted" data-testid="clip-summary">
        {clipSummary(kept)}
      </p>
      <div className="downloads__reel">
        <h3>Highlight reel</h3>
        {r?.url && (labels.length > 1 || r.label !== null) ? (
          <p data-testid="reel-label">{reelOfLabel(r.label)}</p>
        ) : null}
        {r?.url && !reelBusy ? (
          <p className="muted" data-testid="reel-dress">
            {reelDressText(r)}
          </p>
        ) : null}
        {list.data ? (
          <p className="muted" data-testid="reel-plan">
            {plan.text}
            {r?.status === "failed" ? <span className="error-text"> Building failed: {r.error}</span> : null}
          </p>
        ) : null}
        {reelBusy ? (
          <div
            className="progress"
            role="progressbar"
            aria-label="Reel progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent(r.progress)}
          >
            <div className="progress__bar" style={{ width: `${percent(r.progress)}%` }} />
          </div>
        ) : null}
        {reelBusy && r.job ? (
          <p className="muted" data-testid="reel-state" aria-live="polite">
            {jobStatusText(r.job, "building")}
          </p>
        ) : null}
        <div className="actions">
          {canEdit ? (
            <button
              type="button"
              className="button"
              onClick={() => build.mutate({ brand: branded })}
              disabled={build.isPending || reelBusy || plan.count === 0}
            >
              {reelBusy
                ? r.job?.state === "waiting"
                  ? "Waiting for a worker…"
                  : `Building… ${percent(r.progress)} %`
                : labels.length > 1
                  ? `Build reel — ${label === null ? "all labels" : `${label} only`}`
                  : r?.url
                    ? "Rebuild reel"
                    : "Build reel"}
            </button>
          ) : null}
          {canEdit && r && r.shootoutKicks > 0 ? (
            <button
              type="button"
              className="button"
              onClick={() => build.mutate({ brand: branded, shootout: true })}
              disabled={build.isPending || reelBusy}
            >
              Build shoot-out reel ({r.shootoutKicks} kicks)
            </button>
          ) : null}
          {canEdit && r?.url && !reelBusy ? (
            <ShareButton target={{ kind: "reel", videoId }} name="reel" />
          ) : null}
        </div>
        {build.error ? (
          <p className="error-text" role="alert">
            {build.error.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}

interface MenuProps {
  videoId: string;
  label: string | null;
  variant: TVariant;
  zip: boolean;
  reel: { url: string; name: string; of: string } | null;
  exports: boolean;
}

/** A disclosure (details/summary): keyboard and screen readers get it for free; Escape/outside click close. */
function DownloadMenu({ videoId, label, variant, zip, reel, exports }: MenuProps) {
  const q = new URLSearchParams({
    ...(variant.aspect === "16:9" ? {} : { aspect: variant.aspect }),
    ...(variant.branded ? { brand: "1" } : {}),
  }).toString();
  const zipUrl = `/api/videos/${videoId}/clips.zip${q ? `?${q}` : ""}`;
  const plain = isPlainCut(variant);
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !d.contains(e.target as Node)) d.open = false;
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details className="menu" ref={ref}>
      <summary className="button button--primary">Download ▾</summary>
      <ul className="menu__list" aria-label="Downloads">
        <MenuItem
          href={zip ? downloadHref(zipUrl, label) : null}
          label={`${label === null ? "All clips" : `All ${label} clips`}${plain ? "" : `, ${variantText(variant)}`} (ZIP)`}
          hint={
            zip || plain
              ? "One frame-exact MP4 per highlight, rejected ones left out"
              : `${variantWords(variant).ask} first (Aspect, below)`
          }
        />
        <MenuItem
          href={reel?.url ?? null}
          download={reel?.name}
          label="Highlight reel (MP4)"
          hint={reel ? `${reel.of}: the highlights, one after another` : "Build the reel first"}
        />
        {ZExportFormat.options.map((f) => (
          <MenuItem
            key={f}
            href={exports ? downloadHref(`/api/videos/${videoId}/export?format=${f}`, label) : null}
            label={EXPORT_FORMATS[f].label}
            hint={EXPORT_FORMATS[f].hint}
          />
        ))}
      </ul>
    </details>
  );
}

function MenuItem(p: { href: string | null; download?: string; label: string; hint: string }) {
  return (
    <li>
      {p.href ? (
        <a className="menu__item" href={p.href} download={p.download ?? true}>
          <span>{p.label}</span>
          <span className="menu__hint">{p.hint}</span>
        </a>
      ) : (
        <span className="menu__item menu__item--off" aria-disabled="true">
          <span>{p.label}</span>
          <span className="menu__hint">{p.hint}</span>
        </span>
      )}
    </li>
  );
}
