"use client";

import { useState, type ChangeEvent } from "react";
import type { TBrandCorner, TBrandDto } from "@/lib/schemas/brand";
import { useBrand, useDeleteLogo, usePatchBrand, useUploadLogo } from "./use-brand";

const CORNERS: { value: TBrandCorner; label: string }[] = [
  { value: "top_left", label: "Top left" },
  { value: "top_right", label: "Top right" },
  { value: "bottom_left", label: "Bottom left" },
  { value: "bottom_right", label: "Bottom right" },
];

const SWITCHES = [
  ["introCard", "Intro card (title and date)"],
  ["outroCard", "Outro card (title and date)"],
  ["lowerThird", "Lower-third with the highlight's name"],
] as const;

/** The instance brand: a logo and its corner, the cards and the lower-third (issue #29). Admins only. */
export function BrandAdmin() {
  const brand = useBrand();
  const b = brand.data;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="brand-title">
        <h1 id="brand-title">Brand</h1>
        <p className="muted">
          Put on a reel when an editor ticks “With brand” in the downloads panel (single clips stay
          unbranded).
        </p>
        {brand.error ? (
          <p className="error-text" role="alert">
            {brand.error.message}
          </p>
        ) : null}
        {b ? <LogoForm brand={b} /> : <p className="muted">Loading…</p>}
      </section>
      {b ? <LookForm brand={b} /> : null}
    </div>
  );
}

function LogoForm({ brand }: { brand: TBrandDto }) {
  const upload = useUploadLogo();
  const remove = useDeleteLogo();
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (file) upload.mutate(file);
    e.currentTarget.value = "";
  };
  const error = upload.error ?? remove.error;
  return (
    <div className="stack">
      <h2>Logo</h2>
      {brand.logo ? (
        <div className="brand-logo">
          {/* eslint-disable-next-line @next/next/no-img-element -- a checked PNG/JPEG/WebP from our own API */}
          <img src={brand.logo.url} alt="Current logo" className="brand-logo__img" />
          <span className="muted" data-testid="logo-facts">
            {brand.logo.type.slice(6).toUpperCase()} · {brand.logo.width}×{brand.logo.height} px ·{" "}
            {Math.ceil(brand.logo.bytes / 1024)} KB
          </span>
        </div>
      ) : (
        <p className="muted">No logo yet.</p>
      )}
      <label className="field">
        <span>Upload a logo (PNG, JPEG or WebP, at most 2 MB, 16–4096 px a side; no SVG)</span>
        <input
          className="input"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          onChange={pick}
          disabled={upload.isPending}
        />
      </label>
      {upload.isPending ? <p className="muted">Uploading…</p> : null}
      {error ? (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      ) : null}
      {brand.logo ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
          >
            Remove logo
          </button>
        </div>
      ) : null}
    </div>
  );
}

function LookForm({ brand }: { brand: TBrandDto }) {
  const patch = usePatchBrand();
  const [name, setName] = useState(brand.name ?? "");
  return (
    <section className="card stack" aria-labelledby="brand-look">
      <h2 id="brand-look">Placement and cards</h2>
      <label className="field">
        <span>Logo corner</span>
        <select
          className="input"
          value={brand.corner}
          onChange={(e) => patch.mutate({ corner: e.currentTarget.value as TBrandCorner })}
        >
          {CORNERS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          patch.mutate({ name: name.trim() || null });
        }}
      >
        <label className="field">
          <span>Name on the cards (club, league or channel; optional)</span>
          <input
            className="input"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" className="button" disabled={patch.isPending}>
          Save name
        </button>
      </form>
      {SWITCHES.map(([key, label]) => (
        <label key={key}>
          <input
            type="checkbox"
            checked={brand[key]}
            onChange={(e) => patch.mutate({ [key]: e.currentTarget.checked })}
          />{" "}
          {label}
        </label>
      ))}
      {patch.error ? (
        <p className="error-text" role="alert">
          {patch.error.message}
        </p>
      ) : null}
      {patch.isSuccess ? (
        <p className="ok-text" role="status">
          Saved
        </p>
      ) : null}
    </section>
  );
}
