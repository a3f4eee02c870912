import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

// Dataset listing shared by feature extraction and eval: which file belongs to which split.

export type Split = "train" | "val" | "test";
export interface Item {
  path: string; // relative to the data dir
  kind: "clip" | "still";
  label: "penalty" | "background";
  group: string;
  split: Split;
  sha256: string;
  durationS: number;
  // Broadcast soccer (a TV feed or a crop of one): the footage the false-highlight figure is counted on.
  broadcast: boolean;
  // A burned-in overlay (manifest note "overlay: …"): trained on, never judged (issue #26).
  overlay: boolean;
}

interface Splits {
  penaltyMatches: Record<Split, string[]>;
  otherGroups: { val: string[]; test: string[] };
  otherHashBuckets: { test: number[]; val: number[]; of: number };
}

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\n") {
      endCell();
      rows.push(row);
      row = [];
    } else if (ch !== "\r") cell += ch;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ""])));
}

// Other clips have no match_id: derive one so footage of the same match (clip + stills) shares a split.
export function clipGroup(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, "");
  const foul = /^soccernet_mvfoul_action_(\d+)_clip_\d+$/.exec(stem);
  if (foul) return `mvfoul:${foul[1]}`;
  if (stem.startsWith("brasileirao_flamengo_saopaulo")) return "brasileirao:flamengo_vs_saopaulo";
  if (stem === "soccer_bundesliga_openplay_08fd33_4") return "dfl:08fd33";
  return stem;
}

export function stillGroup(group: string): string {
  return group.startsWith("soccernet:") ? group : group.split("/")[0]!;
}

// Unlisted clips train (they are few and valuable); unlisted stills are spread by a hash of their group.
function otherSplit(group: string, s: Splits, hashed: boolean): Split {
  if (s.otherGroups.test.includes(group)) return "test";
  if (s.otherGroups.val.includes(group)) return "val";
  if (!hashed) return "train";
  const bucket = createHash("sha1").update(group).digest().readUInt32BE(0) % s.otherHashBuckets.of;
  if (s.otherHashBuckets.test.includes(bucket)) return "test";
  if (s.otherHashBuckets.val.includes(bucket)) return "val";
  return "train";
}

export function listItems(dataDir: string, splitsFile: string): Item[] {
  const s = JSON.parse(readFileSync(splitsFile, "utf8")) as Splits;
  const penaltySplit = (m: string): Split => {
    const found = (["train", "val", "test"] as const).find((k) => s.penaltyMatches[k].includes(m));
    if (!found) throw new Error(`penalty match ${m} is in no split (models/tools/splits.json)`);
    return found;
  };
  const clips = parseCsv(readFileSync(path.join(dataDir, "manifest.csv"), "utf8")).map((r): Item => {
    const penalty = r.label === "penalty";
    // Newer non-penalty clips name their match in the manifest: two clips of one match share a split.
    const group = penalty || r.match_id ? r.match_id! : clipGroup(r.path!);
    return {
      path: r.path!,
      kind: "clip",
      label: penalty ? "penalty" : "background",
      group,
      split: penalty ? penaltySplit(group) : otherSplit(group, s, false),
      sha256: r.sha256!,
      durationS: Number(r.duration_s),
      broadcast: !penalty && isBroadcastSoccer(r.path!, r.match_id!),
      overlay: (r.note ?? "").startsWith("overlay:"),
    };
  });
  const stills = parseCsv(readFileSync(path.join(dataDir, "frames_manifest.csv"), "utf8")).map((r): Item => {
    const group = stillGroup(r.group!);
    return {
      path: r.path!,
      kind: "still",
      label: "background",
      group,
      split: otherSplit(group, s, true),
      sha256: r.sha256!,
      durationS: 0,
      broadcast: false,
      overlay: false,
    };
  });
  return [...clips, ...stills];
}

// Non-penalty clips that are broadcast soccer (TV feed or a crop of one): the footage the issue's
// false-highlight budget is about. Not: the fixed overhead camera, amateur and phone footage, the 1897
// newsreel, futsal, other sports, HMDB/UCF. By file name, from manifest.csv's notes.
const BROADCAST = [
  /^soccer_broadcast_/,
  /^brasileirao_/,
  /^soccernet_mvfoul_/,
  /^soccer_bundesliga_openplay_/,
  /^adesueb_ucl-/,
  /^lorenzoridolfi9_seriea-/,
  /^ethanmwarren_wc2002-/,
  /^osamashaaban_pl-/,
  /^tudorceltare_seriea-/,
  /^lukasn9_cwc-/,
  /^vighnesh2709_vertical-/,
  /_SNMOT-\d+/,
];
// The 82 clips added on 2026-12-07 all name their match; every one is a broadcast feed or a crop of one
// except the amateur matches (their match_id says so). Overlay clips are excluded by the caller.
export function isBroadcastSoccer(file: string, matchId = ""): boolean {
  const stem = path.basename(file);
  if (matchId && !matchId.startsWith("amateur-")) return true;
  return BROADCAST.some((r) => r.test(stem));
}
