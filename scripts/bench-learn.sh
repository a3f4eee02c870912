#!/usr/bin/env bash
# `npm run bench:learn` (issue #14, must-show): the learning loop on real footage, measured by
# scripts/bench-learn.ts against one worker (`npm run worker`, as in production) on a database, Redis db,
# queue prefix and bucket of its own (recreated each run), so it runs beside `npm run up` and `npm test`.
# No web app: the script calls the same service functions the API routes call.
# `npm run bench:retrain` runs scripts/bench-retrain.ts (BENCH_LEARN_SCRIPT) on the same set-up.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
ensure_node
ensure_system_packages
ensure_npm_deps

start_scratch_services learn 3
export QUEUE_PREFIX="${QUEUE_PREFIX:-matchcut}-bench-learn"
export ADMIN_EMAIL=admin@bench.local ADMIN_PASSWORD="${BENCH_ADMIN_PASSWORD:-bench-admin-password}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# The retrain time is measured at the ordinary priority: at the product's nice 19 the trainer waits for
# every other process on the machine, and the development VM is shared (its load is not this bench's).
export TRAIN_NICE="${TRAIN_NICE:-0}"
npx --no-install tsx scripts/migrate.ts
start_node "$LOGS/worker-bench-learn.log" --import tsx worker/index.ts
pids+=("$NODE_PID")
export BENCH_WORKER_PID=$NODE_PID
say "worker pid $NODE_PID (log: $LOGS/worker-bench-learn.log)"
npx --no-install tsx "${BENCH_LEARN_SCRIPT:-scripts/bench-learn.ts}" "$@"
