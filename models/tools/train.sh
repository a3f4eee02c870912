#!/usr/bin/env bash
# npm run model:train — rebuild the committed head (and the coarse pass's candidate model) from ../shared/data.
# `npm run model:train -- --candidate`: the candidate model alone.
# Features come from the product's own decode + backbone code (cached under .data/model-cache/).
# Pass --ablation (npm run model:train -- --ablation) to cross-validate every configuration of the
# ablation table (4 × 5 fold trainings); otherwise only the shipped configuration is cross-validated
# (its folds give the operating point and temperature) and the manifest keeps the last ablation table.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # keep models/tools free of __pycache__
cd "$(dirname "$0")/../.."
DATA_DIR="${MATCHCUT_DATA:-../shared/data}"  # lib.sh (python-deps.sh) sets its own DATA
CACHE=.data/model-cache
mkdir -p "$CACHE"
# shellcheck source=models/tools/python-deps.sh
source models/tools/python-deps.sh
ensure_python_deps
if [[ "${1:-}" == "--candidate" ]]; then
  # Issue #28: only the coarse pass's candidate model (seconds, from the cached features).
  LOG_LEVEL=warn npx tsx models/tools/extract-features.ts --data "$DATA_DIR" --out "$CACHE"
  MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/candidate.py --cache "$CACHE" --model-dir models/penalty-lstm
  exit 0
fi
echo "[1/4] feature extraction (cached per file/variant in $CACHE/features)" >&2
LOG_LEVEL=warn npx tsx models/tools/extract-features.ts --data "$DATA_DIR" --out "$CACHE"
echo "[2/4] 5-fold cross-validation by match: operating point and temperature per fold (cached in $CACHE/cv)" >&2
MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/cv.py --cv 5 --cache "$CACHE" --out "$CACHE/cv-figures.json" "$@"
echo "[3/4] the shipped head: every match, the operating point the folds agree on" >&2
MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/train.py --cache "$CACHE" --cv-figures "$CACHE/cv-figures.json"
echo "[4/4] candidate model of the coarse pass, issue #28: train split, threshold for recall on val" >&2
MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/candidate.py --cache "$CACHE" --model-dir models/penalty-lstm
