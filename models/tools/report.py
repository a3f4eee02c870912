"""Prints the held-out evaluation: window metrics (test split, scored by onnxruntime-node through
the product's code) and the match test (npm run detect on the built video).

Usage: /usr/bin/python3 models/tools/report.py <test-scores.json> <truth.json> <detect.json> [--out metrics.json]
"""
import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from metrics import confusion, ece, per_class, pr_auc, roc_auc  # noqa: E402


def window_report(scores):
    labels = scores["labels"]
    pi = labels.index("penalty")
    y = np.array([1 if r["y"] == pi else 0 for r in scores["rows"]])
    p = np.array([r["p"][pi] for r in scores["rows"]])
    thr = scores["threshold"]
    pred = (p >= thr).astype(int)
    yl = np.where(y == 1, pi, 1 - pi)
    pl = np.where(pred == 1, pi, 1 - pi)
    pc = per_class(yl, pl, labels)
    out = {"threshold_from_val": thr, "windows": int(len(y)), "penalty_windows": int(y.sum()),
           "roc_auc": roc_auc(y, p), "pr_auc": pr_auc(y, p), "per_class": pc,
           "confusion": confusion(yl, pl, len(labels)), "ece": ece(y, p), "windows_per_s": scores["windowsPerS"],
           "backbone_frames_per_s": scores["framesPerS"]}
    print(f"\n== Held-out window metrics (test split; penalty threshold {thr} chosen on val) ==")
    print(f"windows: {len(y)} ({int(y.sum())} penalty)")
    for name, m in pc.items():
        print(f"  {name:11s} precision {m['precision']:.3f}  recall {m['recall']:.3f}  F1 {m['f1']:.3f}  (support {m['support']})")
    print(f"  penalty-vs-rest ROC-AUC {out['roc_auc']:.4f}   PR-AUC {out['pr_auc']:.4f}   "
          f"expected calibration error (10 bins, calibrated scores) {out['ece']:.4f}")
    print("  confusion (rows = truth, cols = predicted; order " + ", ".join(labels) + "):")
    for row in out["confusion"]:
        print("   ", row)
    by = defaultdict(list)
    for r, yy, pp in zip(scores["rows"], y, pred):
        if yy == 1:
            by[r["group"]].append(pp)
    out["penalty_window_recall_by_match"] = {g: float(np.mean(v)) for g, v in by.items()}
    for g, v in by.items():
        print(f"  penalty window recall, match {g}: {np.mean(v):.3f} ({len(v)} windows)")
    fp_by = defaultdict(lambda: [0, 0])
    for r, yy, pp in zip(scores["rows"], y, pred):
        if yy == 0:
            fp_by[r["path"].split("/")[1] if r["kind"] == "still" else os.path.basename(r["path"])][0] += int(pp)
            fp_by[r["path"].split("/")[1] if r["kind"] == "still" else os.path.basename(r["path"])][1] += 1
    worst = sorted(((v[0] / v[1], k, v) for k, v in fp_by.items() if v[0]), reverse=True)[:6]
    if worst:
        print("  background sources with false-positive windows: " + "; ".join(f"{k} {v[0]}/{v[1]}" for _, k, v in worst))
    print(f"  head throughput: {scores['windowsPerS']:.0f} windows/s; backbone: {scores['framesPerS']:.1f} frames/s (2 intra-op threads)")
    return out


def frame_of(video, t, dest):
    """One JPEG of a false highlight for the model card's failure list (kept under .data, never committed)."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", f"{t:.2f}", "-i", video, "-frames:v", "1",
                    "-vf", "scale=640:-2", dest], check=False)


def match_report(truth, segs, roll):
    kicks = truth["kicks"]
    dur = truth["durationS"]
    bg = truth.get("background", [])
    pre, post = roll
    segs = [s for s in segs if s["label"] == "penalty"]
    hit, errs_s, errs_e, used = 0, [], [], set()
    by_match = defaultdict(lambda: [0, 0])
    for k in kicks:
        ov = [i for i, s in enumerate(segs) if s["start"] < k["end"] and s["end"] > k["start"]]
        match = k["path"].split("/")[2]
        by_match[match][1] += 1
        if ov:
            hit += 1
            by_match[match][0] += 1
            used.update(ov)
            # Net of the pre/post roll: 0 means the highlight is the kick plus exactly the roll asked for.
            errs_s.append(min(segs[i]["start"] for i in ov) + pre - k["start"])
            errs_e.append(max(segs[i]["end"] for i in ov) - post - k["end"])
    false = [s for i, s in enumerate(segs) if i not in used]

    def source(t):
        return next((b for b in bg if b["start"] <= t < b["end"]), None)

    bg_min = sum(b["end"] - b["start"] for b in bg) / 60 or dur / 60
    bc_min = sum(b["end"] - b["start"] for b in bg if b["broadcast"]) / 60
    false_bc = [s for s in false if (source((s["start"] + s["end"]) / 2) or {}).get("broadcast")]
    ranked = sorted(segs, key=lambda s: -s["peak"])
    true_flags = [i in used for i in sorted(range(len(segs)), key=lambda i: -segs[i]["peak"])]
    prec_at = {str(k): (sum(true_flags[:k]) / min(k, len(ranked)) if ranked else None) for k in (1, 3, 5)}
    out = {"video_s": dur, "background_unique_min": bg_min, "broadcast_background_unique_min": bc_min,
           "kicks": len(kicks), "detected": hit, "recall": hit / len(kicks),
           "recall_by_match": {m: v[0] / v[1] for m, v in by_match.items()}, "segments": len(segs),
           "false_highlights": len(false), "false_per_10min": len(false) / (bg_min / 10),
           "false_highlights_broadcast": len(false_bc),
           "false_per_10min_broadcast": len(false_bc) / (bc_min / 10) if bc_min else None,
           "precision_at": prec_at, "roll_s": [pre, post],
           "start_error_s_mean_abs": float(np.mean(np.abs(errs_s))) if errs_s else None,
           "end_error_s_mean_abs": float(np.mean(np.abs(errs_e))) if errs_e else None,
           "start_error_s_mean_signed": float(np.mean(errs_s)) if errs_s else None,
           "end_error_s_mean_signed": float(np.mean(errs_e)) if errs_e else None,
           "false": []}
    print(f"\n== Match test ({dur / 60:.2f} min video: {bg_min:.2f} unique min of held-out non-penalty footage, "
          f"{bc_min:.2f} of it broadcast soccer; {len(kicks)} held-out kicks) ==")
    print(f"  recall {hit}/{len(kicks)} = {out['recall']:.2f} (" +
          ", ".join(f"{m} {v[0]}/{v[1]}" for m, v in by_match.items()) + f"); segments {len(segs)}")
    print(f"  false highlights {len(false)} = {out['false_per_10min']:.2f} per 10 min of non-penalty footage; "
          f"on broadcast soccer {len(false_bc)} in {bc_min:.2f} min"
          + (f" = {out['false_per_10min_broadcast']:.2f} per 10 min" if bc_min else ""))
    print("  precision@k (highlights ranked by calibrated peak): " +
          ", ".join(f"@{k} {v:.2f}" if v is not None else f"@{k} -" for k, v in prec_at.items()))
    if errs_s:
        print(f"  boundary error net of the {pre:g}/{post:g} s roll: start mean |Δ| {out['start_error_s_mean_abs']:.2f} s "
              f"(signed {out['start_error_s_mean_signed']:+.2f}); end mean |Δ| {out['end_error_s_mean_abs']:.2f} s "
              f"(signed {out['end_error_s_mean_signed']:+.2f})")
    for k in kicks:
        ov = [s for s in segs if s["start"] < k["end"] and s["end"] > k["start"]]
        mark = ", ".join(f"{s['start']:.1f}-{s['end']:.1f} (peak {s['peak']:.2f})" for s in ov) or "MISSED"
        print(f"    kick {k['start']:7.1f}-{k['end']:6.1f}  {os.path.basename(k['path'])[:34]:34s} → {mark}")
    for n, s in enumerate(false):
        src = source((s["start"] + s["end"]) / 2)
        name = os.path.basename(src["path"]) if src else "?"
        jpg = os.path.join(os.path.dirname(truth["video"]), f"false-{n + 1}.jpg")
        frame_of(truth["video"], (s["start"] + s["end"]) / 2, jpg)
        out["false"].append({"start": s["start"], "end": s["end"], "peak": s["peak"], "source": name, "frame": jpg})
        print(f"    false highlight {s['start']:.1f}-{s['end']:.1f} (peak {s['peak']:.2f}) in {name} → {jpg}")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scores")
    ap.add_argument("truth")
    ap.add_argument("detect")
    ap.add_argument("--out")
    ap.add_argument("--manifest", help="also record the figures under metrics.test / metrics.match_test")
    a = ap.parse_args()
    roll = (1.0, 1.0)
    if a.manifest:
        d = json.load(open(a.manifest))["segmentDefaults"]["penalty"]
        roll = (d["preRollS"], d["postRollS"])
    res = {"test": window_report(json.load(open(a.scores))),
           "match_test": match_report(json.load(open(a.truth)), json.load(open(a.detect)), roll)}
    if a.out:
        json.dump(res, open(a.out, "w"), indent=1)
    if a.manifest:
        m = json.load(open(a.manifest))
        m.setdefault("metrics", {}).update({"test": {k: v for k, v in res["test"].items()}, "match_test": res["match_test"]})
        with open(a.manifest, "w") as f:
            json.dump(m, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
