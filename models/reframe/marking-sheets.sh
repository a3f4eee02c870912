#!/usr/bin/env bash
# The pictures the hand-marked reference (models/reframe/reference.json) was marked on: every 4th frame
# (0, 4, 8 …, decode order, as worker/reframe/analyse.ts counts them) of each test-split penalty clip,
# 640 px wide, a grid every 5 % of the width (labelled every 10 %) and every 10 % of the height, six
# frames to a picture, each with its frame number. Usage: bash models/reframe/marking-sheets.sh OUT_DIR [CLIP…]
set -euo pipefail
out="${1:?usage: marking-sheets.sh OUT_DIR [CLIP…]}"
shift
data="$(cd "$(dirname "$0")/../../.." && pwd)/shared/data"
mkdir -p "$out"
clips=("$@")
[[ ${#clips[@]} -gt 0 ]] || mapfile -t clips < <(cd "$data" && ls clips/penalty/ucl2012-bay-che/*.mp4 clips/penalty/wc2022-bra-cro/*.mp4)
grid="drawgrid=w=iw/20:h=ih/10:t=1:c=white@0.35"
for p in 10 20 30 40 50 60 70 80 90; do
  grid+=",drawtext=text='$p':x=w*$p/100+2:y=2:fontsize=11:fontcolor=yellow"
  grid+=",drawtext=text='$p':x=2:y=h*$p/100+2:fontsize=11:fontcolor=cyan"
done
for clip in "${clips[@]}"; do
  name="$(basename "$clip" .mp4)"
  ffmpeg -v error -y -i "$data/$clip" -an -vf \
    "select='not(mod(n\,4))',scale=640:-2,$grid,drawtext=text='f %{eif\:n*4\:d}':x=w-70:y=h-24:fontsize=18:fontcolor=white:box=1:boxcolor=black,tile=3x2" \
    -fps_mode passthrough "$out/$name"_%02d.png
done
