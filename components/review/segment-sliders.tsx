"use client";

import type { SegmentParams } from "@/lib/highlights/segments";

type Key = keyof SegmentParams;
const FIELDS: { key: Key; label: string; min: number; max: number; step: number; unit: string }[] = [
  { key: "enter", label: "Threshold (enter)", min: 0, max: 1, step: 0.01, unit: "" },
  { key: "exit", label: "Threshold (exit)", min: 0, max: 1, step: 0.01, unit: "" },
  { key: "minLengthS", label: "Minimum length", min: 0, max: 20, step: 0.1, unit: " s" },
  { key: "mergeGapS", label: "Merge gap", min: 0, max: 30, step: 0.1, unit: " s" },
  { key: "preRollS", label: "Pre-roll", min: 0, max: 15, step: 0.1, unit: " s" },
  { key: "postRollS", label: "Post-roll", min: 0, max: 15, step: 0.1, unit: " s" },
];

interface Props {
  label: string;
  value: SegmentParams;
  onChange: (next: SegmentParams) => void;
}

/** One class's derivation parameters. Changing them only re-derives in the browser; Apply saves. */
export function SegmentSliders({ label, value, onChange }: Props) {
  const set = (key: Key, v: number) => {
    const next = { ...value, [key]: v };
    // Hysteresis needs exit ≤ enter; drag one past the other and the other follows.
    if (key === "enter" && next.exit > v) next.exit = v;
    if (key === "exit" && next.enter < v) next.enter = v;
    onChange(next);
  };
  return (
    <fieldset className="sliders">
      <legend>{label}</legend>
      {FIELDS.map((f) => {
        const id = `seg-${label}-${f.key}`;
        const v = value[f.key];
        return (
          <div className="sliders__row" key={f.key}>
            <label htmlFor={id}>
              {f.label} <output htmlFor={id}>{f.unit ? `${v.toFixed(1)}${f.unit}` : v.toFixed(2)}</output>
            </label>
            <input
              id={id}
              type="range"
              min={f.min}
              max={f.max}
              step={f.step}
              value={v}
              aria-label={`${f.label} for ${label}`}
              aria-valuetext={f.unit ? `${v.toFixed(1)} seconds` : v.toFixed(2)}
              onChange={(e) => set(f.key, Number(e.currentTarget.value))}
            />
          </div>
        );
      })}
    </fieldset>
  );
}
