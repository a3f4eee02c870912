"use client";

import { formatBytes } from "@/lib/uploads/names";
import { formatEta, formatSpeed, percent } from "../format";
import { useActiveUploads, useDiscardUpload } from "./use-active-uploads";
import { useUploads } from "./upload-context";
import type { UploadItem } from "./upload-store";

export function UploadList() {
  const { items } = useUploads();
  const active = useActiveUploads();
  const discard = useDiscardUpload();
  const running = new Set(items.map((i) => i.uploadId));
  const interrupted = (active.data ?? []).filter((u) => !running.has(u.id));
  if (items.length === 0 && interrupted.length === 0) return null;
  return (
    <ul className="uploads" aria-label="Uploads">
      {items.map((item) => (
        <UploadRow key={item.localId} item={item} />
      ))}
      {interrupted.map((u) => (
        <li key={u.id} className="upload upload--interrupted" data-testid="interrupted-upload">
          <div className="upload__head">
            <span className="upload__name" title={u.fileName}>
              {u.fileName}
            </span>
            <span className="chip">interrupted {percent(u.size ? u.storedBytes / u.size : 0)} %</span>
          </div>
          <div className="upload__meta">
            <span>
              {formatBytes(u.storedBytes)} of {formatBytes(u.size)} stored. Choose the same file again to
              resume.
            </span>
            <span className="upload__actions">
              <button
                className="button"
                onClick={() => discard.mutate(u.id)}
                disabled={discard.isPending}
                aria-label={`Discard upload of ${u.fileName}`}
              >
                Discard
              </button>
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function uploadChipText(item: UploadItem): string {
  switch (item.status) {
    case "waiting":
      return "waiting";
    case "completing":
      return "finishing upload";
    case "failed":
      return "upload failed";
    default:
      return `uploading ${percent(item.size ? item.loaded / item.size : 0)} %`;
  }
}

function UploadRow({ item }: { item: UploadItem }) {
  const { store } = useUploads();
  const pct = percent(item.size ? item.loaded / item.size : 0);
  const speed = formatSpeed(item.bytesPerSecond);
  const eta = formatEta(item.etaSeconds);
  const failed = item.status === "failed";
  return (
    <li className="upload" data-testid="upload-item" data-status={item.status}>
      <div className="upload__head">
        <span className="upload__name" title={item.fileName}>
          {item.fileName}
        </span>
        <span className={`chip chip--${failed ? "failed" : "uploading"}`} data-testid="status-chip">
          {uploadChipText(item)}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Upload progress for ${item.fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress__bar" style={{ width: `${pct}%` }} />
      </div>
      <div className="upload__meta">
        <span>
          {formatBytes(item.loaded)} of {formatBytes(item.size)}
        </span>
        {item.resumed && <span>resumed</span>}
        {speed && item.status === "uploading" && <span data-testid="upload-speed">{speed}</span>}
        {eta && item.status === "uploading" && <span data-testid="upload-eta">{eta} left</span>}
        {failed && (
          <span className="error-text" role="alert">
            {item.error}
          </span>
        )}
        <span className="upload__actions">
          {failed ? (
            <>
              <button
                className="button"
                onClick={() => store.retry(item.localId)}
                aria-label={`Retry upload of ${item.fileName}`}
              >
                Retry
              </button>
              <button
                className="button"
                onClick={() => store.dismiss(item.localId)}
                aria-label={`Dismiss ${item.fileName}`}
              >
                Dismiss
              </button>
            </>
          ) : (
            <button
              className="button button--danger"
              onClick={() => store.cancel(item.localId)}
              aria-label={`Cancel upload of ${item.fileName}`}
              disabled={item.status === "completing"}
            >
              Cancel
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
