"""The segment parameters for an operating point: the same rule as cv-segments.ts (fixed by hand
before any evaluation; only enter, and exit with it, is chosen)."""
FIXED = {"minLengthS": 1, "mergeGapS": 2, "preRollS": 1, "postRollS": 1}


def params_for(enter):
    exit_ = max(min(0.1, enter), enter - 0.2)
    return {"enter": round(enter, 2), "exit": round(exit_, 2), **FIXED}
