"use client";

import { useId, useState, type DragEvent } from "react";
import { useHydrated } from "../use-hydrated";
import { useUploads } from "./upload-context";

/** Drop zone plus file picker; any file type is accepted, since ffprobe decides what is a video later. */
export function UploadZone() {
  const { store } = useUploads();
  const inputId = useId();
  const [over, setOver] = useState(false);
  // The input only exists once handlers are attached: files chosen before hydration would be lost
  // silently (and Playwright's setInputFiles waits for the element, so tests need no extra sync).
  const hydrated = useHydrated();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) store.add(files);
  };

  return (
    <div
      className={`dropzone${over ? " dropzone--over" : ""}`}
      id="upload"
      data-testid="upload-dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="dropzone__text">Drop match videos here, or</p>
      <label htmlFor={inputId} className="button button--primary">
        Choose video files
      </label>
      {hydrated && (
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          multiple
          aria-label="Choose video files"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            if (files.length > 0) store.add(files);
            // Re-selecting the same file after a cancel or reload must fire change again.
            e.target.value = "";
          }}
        />
      )}
      <p className="dropzone__hint">Uploads resume: if the page reloads, choose the same file again.</p>
    </div>
  );
}
