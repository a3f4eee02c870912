// Download names editors can sort and read: <match-title>_<label>_<nn>_<mm>m<ss>s.mp4

/** ASCII, lower-case, dashes; accents folded (é → e) so the name survives every OS and NLE. */
export function slugify(text: string, fallback = "video"): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/** Minutes keep counting past 60 (a 95th-minute penalty reads 95m…), as match clocks do. */
export function clockStamp(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}m${String(s % 60).padStart(2, "0")}s`;
}

export function clipFileName(title: string, label: string, index: number, startS: number): string {
  return `${slugify(title)}_${slugify(label, "clip")}_${String(index).padStart(2, "0")}_${clockStamp(startS)}.mp4`;
}

// Issue #29: a variant says its aspect and brand: _9x16, _9x16_brand, _brand (16:9); the cut says nothing.
const variantSuffix = (aspect: string, branded: boolean) =>
  `${aspect === "16:9" ? "" : `_${aspect.replace(":", "x")}`}${branded ? "_brand" : ""}`;

/** Issue #29: <…>_02_12m30s_9x16.mp4, <…>_9x16_brand.mp4, <…>_brand.mp4 (16:9 plain keeps the name). */
export const aspectFileName = (clipName: string, aspect: string, branded = false) =>
  clipName.replace(/\.mp4$/, `${variantSuffix(aspect, branded)}.mp4`);

// A download of one label says so: <match>_goal_clips.zip, <match>_goal_reel.mp4, <match>_goal_highlights.csv.
const stem = (title: string, label: string | null) =>
  label === null ? slugify(title) : `${slugify(title)}_${slugify(label, "label")}`;

export const zipFileName = (title: string, label: string | null = null, aspect = "16:9", branded = false) =>
  `${stem(title, label)}_clips${variantSuffix(aspect, branded)}.zip`;
export const reelFileName = (title: string, label: string | null = null) => `${stem(title, label)}_reel.mp4`;
export const exportFileName = (title: string, ext: string, label: string | null = null) =>
  `${stem(title, label)}_highlights.${ext}`;
