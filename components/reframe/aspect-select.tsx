"use client";

import { ASPECTS, type TAspect } from "@/lib/reframe/aspect";

/** The one aspect picker (issue #29): the crop box's over the player and the downloads' beside the brand. */
export function AspectSelect(p: {
  label: string;
  aspect: TAspect;
  setAspect: (a: TAspect) => void;
  optionText: (a: TAspect) => string;
}) {
  return (
    <label>
      {p.label}{" "}
      <select
        className="input"
        value={p.aspect}
        onChange={(e) => p.setAspect(e.currentTarget.value as TAspect)}
      >
        {ASPECTS.map((a) => (
          <option key={a} value={a}>
            {p.optionText(a)}
          </option>
        ))}
      </select>
    </label>
  );
}
