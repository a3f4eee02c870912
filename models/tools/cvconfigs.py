"""The configurations the cross-validation compares (the ablation table). Kept out of cvdata.py, which
the fold heads' cache key hashes: a new row must not retrain the folds of the others (each row's own
configuration is part of its key, cv.py run_config)."""

# What the ablation compares (issue #26 item 3/4); manifest training.config names the shipped one, and a
# manifest without it (1.2.0) was trained by BASELINE's recipe. BASELINE is 1.2.0's data and 4-s windows
# on the folds' training schedule (8 × 1,200 windows, 128 axes); 1.2.0 itself also had 15 × 2,000 windows
# at full width, crop/colour/low-res copies and an out-of-fold mining round, which 5 folds cannot afford here.
BASELINE = "1.2.0 recipe (4 s, no hard negatives)"
CONFIGS = {
    BASELINE: {"T": 16, "hard": False},
    "hard negatives": {"T": 16, "hard": True},
    "+ 8 s look-back": {"T": 32, "hard": True},
    "+ short-kick cuts": {"T": 16, "hard": True, "short_frac": 0.15},
    # Hard negatives (goals, celebrations, set pieces, shots) drawn twice as often: 40 % of each epoch.
    "+ short-kick cuts, hard negatives ×2": {"T": 16, "hard": True, "short_frac": 0.15, "hp": {"hard_frac": 0.4}},
    # A mining round: the 400 training windows of non-penalty footage the first head scores highest join
    # the hard negatives and the head is trained again (train.py train_head, hp "mine").
    "+ short-kick cuts, mined negatives": {"T": 16, "hard": True, "short_frac": 0.15, "hp": {"mine": 400}},
    # The fold heads' schedule is 8 × 1,200 windows to fit the shared box; 1.2.0 itself had 15 × 2,000.
    "+ short-kick cuts, 15 × 2,000 windows": {"T": 16, "hard": True, "short_frac": 0.15,
                                              "hp": {"epochs": 15, "windows_per_epoch": 2000}},
    # The operating point chosen on the other folds' validation timelines pooled (cv-segments.ts), same heads.
    "1.2.0 recipe, pooled operating point": {"T": 16, "hard": False, "op": "pooled"},
    "+ short-kick cuts, pooled operating point": {"T": 16, "hard": True, "short_frac": 0.15, "op": "pooled"},
}
