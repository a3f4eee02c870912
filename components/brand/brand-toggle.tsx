"use client";

import type { TReelDto } from "@/lib/schemas/highlights";
import { useBrand } from "./use-brand";

/** What the stored reel carries, in words: "With the brand · shoot-out, kicks numbered". */
export function reelDressText(r: Pick<TReelDto, "branded" | "shootout">): string {
  const parts = [r.branded ? "With the brand" : "Without the brand"];
  if (r.shootout) parts.push("shoot-out: kicks in order, numbered, with the tally");
  return parts.join(" · ");
}

/**
 * Brand on or off (issue #29): for the reel built next, and for the single clips (each card's download
 * and share link, the ZIP) beside the aspect. Off and disabled, with the reason, while the instance has
 * no brand set up.
 */
export function BrandToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const brand = useBrand();
  const ready = Boolean(brand.data?.logo);
  return (
    <label className="brand-toggle">
      <input
        type="checkbox"
        checked={on && ready}
        disabled={!ready}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />{" "}
      With brand (logo, lower-third; cards on the reel)
      {!ready && brand.data ? (
        <span className="muted"> — no brand logo yet (an admin sets it under Brand)</span>
      ) : null}
    </label>
  );
}
