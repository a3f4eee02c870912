#!/usr/bin/env bash
# `npm run bench:scale [-- --minutes N]` (issue #17, scaling out): one match analysed by one worker
# process, then the same file by two worker processes sharing its chunks, each with one CPU slot
# (WORKER_CPU_SLOTS=1, so a process runs one chunk at a time); prints both runs' times, which process
# ran each chunk, and whether the stored scores and the highlights are identical. A scratch app like
# bench:e2e's (scripts/lib.sh start_bench_app) with a database, Redis db, bucket and port of its own
# (MATCHCUT_BENCH_PORT + 1), so the two can run at the same time.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
ensure_node
ensure_system_packages
ensure_npm_deps

start_bench_app bench-scale scale 3 "$((${MATCHCUT_BENCH_PORT:-$((${MATCHCUT_TEST_PORT:-3100} + 100))} + 1))"
# Chunks of 60 s (ANALYZE_CHUNK_S), so even a few minutes of match is several chunks to share.
export ANALYZE_CHUNK_S="${ANALYZE_CHUNK_S:-60}"
out="$LOGS/bench-scale"
mkdir -p "$out"
for workers in 1 2; do
  run=()
  export WORKER_CPU_SLOTS=1
  for i in $(seq 1 $workers); do
    start_node "$LOGS/worker-scale-$workers-$i.log" --import tsx worker/index.ts
    run+=("$NODE_PID")
    pids+=("$NODE_PID")
  done
  say "$workers worker process(es): ${run[*]}"
  npx --no-install tsx scripts/bench-scale.ts --workers $workers --out "$out/$workers.json" "$@"
  stop_pids "${run[@]}"
done
npx --no-install tsx scripts/bench-scale.ts --compare "$out/1.json" "$out/2.json"
