"""Figures of a cross-validation run (cv.py), each with a 90 % bootstrap-by-match interval: matches are
drawn with replacement (penalty matches and non-penalty matches separately, so every draw has kicks)
and every figure is recomputed from the drawn matches' out-of-fold results."""
import os
from collections import defaultdict

import numpy as np

BINS = 10
PRE, POST = 1.0, 1.0  # the fixed pre/post roll (cv-segments.ts FIXED)


def units(res):
    """Per match: broadcast/all non-penalty minutes and false highlights, kicks, highlights, window bins."""
    u = defaultdict(lambda: {"bc_min": 0.0, "all_min": 0.0, "fh_bc": 0, "fh_all": 0, "kicks": [], "segs": [],
                             "bins": np.zeros((BINS, 3)), "bins_raw": np.zeros((BINS, 3)), "penalty": False, "false": []})
    for f in res["folds"]:
        pieces = f["test"]["pieces"]
        group_of = {p["path"]: p["group"] for p in pieces}
        bc_paths = {p["path"] for p in pieces if p["kind"] == "background" and p.get("broadcast")}
        for p in pieces:
            if p["kind"] == "background" and not p.get("filler"):
                d = (p["end"] - p["start"]) / 60
                u[p["group"]]["all_min"] += d
                if p.get("broadcast"):
                    u[p["group"]]["bc_min"] += d
        segs = f["test"]["segments"]
        for s in segs:
            if s["kicks"]:
                u[group_of[s["kicks"][0]]]["segs"].append((s["peak"], 1))
            elif s["in"] is not None:
                g = group_of[s["in"]]
                u[g]["segs"].append((s["peak"], 0))
                u[g]["fh_all"] += 1
                if s["in"] in bc_paths:
                    u[g]["fh_bc"] += 1
                u[g]["false"].append({"fold": f["fold"] + 1, "source": os.path.basename(s["in"]), "start": s["start"],
                                      "end": s["end"], "peak": s["peak"], "broadcast": s["in"] in bc_paths})
        for k in (p for p in pieces if p["kind"] == "kick"):
            ov = [s for s in segs if k["path"] in s["kicks"]]
            err = None
            if ov:
                ds = min(s["start"] for s in ov) + PRE - k["start"]
                de = max(s["end"] for s in ov) - POST - k["end"]
                err = (ds, de)
            u[k["group"]]["penalty"] = True
            merged = not ov and any(k["path"] in s.get("covers", []) for s in segs)
            u[k["group"]]["kicks"].append({"path": k["path"], "short": k.get("short", False), "found": bool(ov),
                                           "merged": merged, "err": err, "fold": f["fold"] + 1})
        w = f["windows"]
        y = np.asarray(w["y"], float)
        groups = np.array(w["group"])
        # Calibrated (the fold's temperature) and raw (temperature 1) scores of the same windows.
        for key, p in (("bins", np.asarray(w["p"], float)), ("bins_raw", 1 / (1 + np.exp(-np.asarray(w["logit"], float))))):
            idx = np.clip(np.digitize(p, np.linspace(0, 1, BINS + 1)[1:-1]), 0, BINS - 1)
            for g in set(w["group"]):
                m = groups == g
                b = u[g][key]
                np.add.at(b[:, 0], idx[m], 1)
                np.add.at(b[:, 1], idx[m], p[m])
                np.add.at(b[:, 2], idx[m], y[m])
    return dict(u)


def figures(us, names):
    bc = sum(us[n]["bc_min"] for n in names)
    fh = sum(us[n]["fh_bc"] for n in names)
    allm = sum(us[n]["all_min"] for n in names)
    fha = sum(us[n]["fh_all"] for n in names)
    kicks = [k for n in names for k in us[n]["kicks"]]
    short = [k for k in kicks if k["short"]]
    errs = [k["err"] for k in kicks if k["err"] is not None]
    segs = sorted((s for n in names for s in us[n]["segs"]), key=lambda s: -s[0])
    def ece_of(key):
        bins = sum((us[n][key] for n in names), np.zeros((BINS, 3)))
        tot = bins[:, 0].sum()
        return float(np.abs(bins[:, 1] - bins[:, 2]).sum() / tot) if tot else None
    ece, ece_raw = ece_of("bins"), ece_of("bins_raw")

    def p_at(k):
        return sum(t for _, t in segs[:k]) / min(k, len(segs)) if segs else None

    return {
        "fh_per_10min_broadcast": fh / bc * 10 if bc else None, "false_broadcast": fh, "broadcast_min": bc,
        "fh_per_10min_all": fha / allm * 10 if allm else None, "false_all": fha, "all_min": allm,
        "recall": sum(k["found"] for k in kicks) / len(kicks) if kicks else None, "kicks": len(kicks),
        "missed_merged": sum(k.get("merged", False) for k in kicks),
        "recall_short": sum(k["found"] for k in short) / len(short) if short else None, "short_kicks": len(short),
        "boundary_s": float(np.mean([(abs(a) + abs(b)) / 2 for a, b in errs])) if errs else None,
        "start_err_s": float(np.mean([abs(a) for a, _ in errs])) if errs else None,
        "end_err_s": float(np.mean([abs(b) for _, b in errs])) if errs else None,
        "p_at_5": p_at(5), "p_at_10": p_at(10), "ece": ece, "ece_uncalibrated": ece_raw,
    }


KEYS = ["fh_per_10min_broadcast", "fh_per_10min_all", "recall", "recall_short", "boundary_s", "p_at_5", "p_at_10", "ece"]


def report(res, plan, boot, verbose=True):
    us = units(res)
    pen = sorted(n for n, v in us.items() if v["penalty"])
    oth = sorted(n for n, v in us.items() if not v["penalty"])
    point = figures(us, pen + oth)
    rng = np.random.default_rng(26)
    draws = defaultdict(list)
    for _ in range(boot):
        names = list(rng.choice(pen, len(pen))) + list(rng.choice(oth, len(oth)))
        f = figures(us, names)
        for k in KEYS:
            if f[k] is not None:
                draws[k].append(f[k])
    ci = {k: [float(np.percentile(v, 5)), float(np.percentile(v, 95))] for k, v in draws.items() if v}
    enters = [f["enter"] for f in res["folds"]]
    temps = [f["temperature"] for f in res["folds"]]
    per_match = {n: {"kicks": len(us[n]["kicks"]), "found": sum(k["found"] for k in us[n]["kicks"]),
                     "short": sum(k["short"] for k in us[n]["kicks"]),
                     "short_found": sum(k["found"] for k in us[n]["kicks"] if k["short"])} for n in pen}
    # Rows with a pooled operating point (cv-segments.ts) ship the one chosen on every fold's validation pooled.
    pooled = res.get("pooled_enter") is not None
    agreed = res["pooled_enter"] if pooled else np.median(enters)
    out = {"point": point, "ci90": ci, "recall_by_match": per_match, "fold_enter": enters, "fold_temperature": temps,
           "agreed_enter": float(agreed), "agreed_temperature": float(np.median(temps)),
           "false": [x for n in oth for x in us[n]["false"]], "config": res["config"], "name": res["name"]}
    if not verbose:
        return out

    def fmt(k, digits=2):
        v = point[k]
        if v is None:
            return "-"
        lo, hi = ci.get(k, [v, v])
        return f"{v:.{digits}f} [{lo:.{digits}f}–{hi:.{digits}f}]"

    print(f"\n== Cross-validation by match: {res['name']} (every judged minute and kick out of fold) ==")
    for f in res["folds"]:
        v = f["val"]
        where = "the other folds' validation matches pooled (all but the fold validating on these)" if pooled else "its validation matches"
        print(f"  fold {f['fold'] + 1}: operating point enter {f['enter']:.2f} chosen on {where} "
              f"(range at best recall {v['range'][0]:.2f}–{v['range'][1]:.2f}, val false broadcast {v['falseBroadcast']}, "
              f"val recall {v['recall']:.2f}{'' if v['feasible'] else ', BUDGET NOT MET ON VAL'}); temperature {f['temperature']:.2f}")
    how = "all folds' validation pooled" if pooled else "median"
    print(f"  folds agree on ({how}): enter {out['agreed_enter']:.2f}, temperature {out['agreed_temperature']:.2f}")
    print(f"  90 % intervals: bootstrap by match, {boot} draws of {len(pen)} penalty and {len(oth)} non-penalty matches")
    print(f"  false highlights / 10 min, broadcast non-penalty: {fmt('fh_per_10min_broadcast')}  "
          f"({point['false_broadcast']} in {point['broadcast_min']:.2f} min)")
    print(f"  false highlights / 10 min, all non-penalty:       {fmt('fh_per_10min_all')}  "
          f"({point['false_all']} in {point['all_min']:.2f} min)")
    print(f"  recall (kicks found):                            {fmt('recall')}  ({point['kicks']} kicks)")
    for n, m in per_match.items():
        extra = f", clips < 1.5 s {m['short_found']}/{m['short']}" if m["short"] else ""
        print(f"    recall {n:18s} {m['found']}/{m['kicks']} = {m['found'] / m['kicks']:.2f}{extra}")
    if point["missed_merged"]:
        print(f"    of the missed kicks, {point['missed_merged']} lie inside a highlight credited to another kick")
    print(f"  recall on clips < 1.5 s (strike only):           {fmt('recall_short')}  ({point['short_kicks']} kicks)")
    print(f"  boundary error, mean |Δ| net of the 1 s rolls:   {fmt('boundary_s')} s  "
          f"(start {point['start_err_s']:.2f} s, end {point['end_err_s']:.2f} s)" if point["boundary_s"] is not None else "")
    print(f"  precision@5 / @10 (highlights ranked by peak):   {fmt('p_at_5')} / {fmt('p_at_10')}")
    print(f"  ECE (10 bins, calibrated window scores):         {fmt('ece', 3)}  (uncalibrated {point['ece_uncalibrated']:.3f})")
    for x in out["false"]:
        print(f"    false highlight fold {x['fold']}: {x['source']} {x['start']:.1f}-{x['end']:.1f} s of the fold timeline, "
              f"peak {x['peak']:.2f}{'' if x['broadcast'] else ' (not broadcast)'}")
    return out


def table_row(name, fig):
    p, ci = fig["point"], fig["ci90"]

    def c(k, d=2):
        if p[k] is None:
            return "-"
        lo, hi = ci.get(k, [p[k], p[k]])
        return f"{p[k]:.{d}f} [{lo:.{d}f}–{hi:.{d}f}]"

    return (f"| {name} | {c('fh_per_10min_broadcast')} | {c('recall')} | {c('recall_short')} | {c('boundary_s')} | "
            f"{c('p_at_5')} | {c('ece', 3)} |")
