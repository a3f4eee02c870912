#!/usr/bin/env bash
# npm run model:train — rebuild the committed head from ../shared/data.
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
echo "[1/3] feature extraction (cached per file/variant in $CACHE/features)" >&2
LOG_LEVEL=warn npx tsx models/tools/extract-features.ts --data "$DATA_DIR" --out "$CACHE"
echo "[2/3] 5-fold cross-validation by match: operating point and temperature per fold (cached in $CACHE/cv)" >&2
MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/cv.py --cv 5 --cache "$CACHE" --out "$CACHE/cv-figures.json" "$@"
echo "[3/3] the shipped head: every match, the operating point the folds agree on" >&2
MATCHCUT_DATA="$DATA_DIR" /usr/bin/python3 -u models/tools/train.py --cache "$CACHE" --cv-figures "$CACHE/cv-figures.json"
