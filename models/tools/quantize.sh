#!/usr/bin/env bash
# npm run model:quantize — rebuild models/mobilenet_v2_1.0_224_int8.onnx from the float backbone in
# ../shared/models: measure activation ranges on train-split frames through the product's decode and
# preprocessing, then rewrite the graph in QDQ form (models/tools/quantize_backbone.py). Deterministic:
# the same inputs give the same file, whose sha256 goes into the model manifest's backbone entry.
# Needs Debian's python3-onnx and python3-numpy. After it, retrain the head (npm run model:train):
# the head is trained on the features this backbone computes.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
cd "$(dirname "$0")/../.."
DATA="${MATCHCUT_DATA:-../shared/data}"
FLOAT=../shared/models/mobilenet_v2_1.0_224.onnx
OUT=models/mobilenet_v2_1.0_224_int8.onnx
WORK=.data/model-cache/quantize
mkdir -p "$WORK"
echo "float backbone: $FLOAT ($(sha256sum "$FLOAT" | cut -c1-16)…)" >&2
/usr/bin/python3 models/tools/expose_outputs.py "$FLOAT" "$WORK/exposed.onnx"
ORT_PROVIDER=cpu LOG_LEVEL=warn npx tsx models/tools/calibrate-backbone.ts --data "$DATA" --exposed "$WORK/exposed.onnx" \
  --out "$WORK/ranges.json" --frames 256
# 99.999th-percentile ranges: on val-split frames they kept features closest to the float model's
# (mean cosine 0.983, vs 0.976 for min/max and 0.959 for the 99.9th percentile).
/usr/bin/python3 models/tools/quantize_backbone.py "$FLOAT" "$WORK/ranges.json" "$OUT" 0.99999
echo "sha256 $(sha256sum "$OUT" | cut -d' ' -f1)  $OUT" >&2
