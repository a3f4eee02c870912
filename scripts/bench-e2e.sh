#!/usr/bin/env bash
# `npm run bench:e2e [-- --minutes N]`: the end-to-end benchmark (scripts/bench-e2e.ts) against an app of
# its own, set up like scripts/test.sh: its own database (matchcut_bench, recreated each run), Redis db
# and queue prefix, bucket and port, so it runs beside `npm run up` and `npm test` without sharing a
# queue with them. Starts the local services it needs, builds the web app when the build is missing or
# older than the code, starts `next start`, runs the measurements (which start and stop the workers), and
# stops what it started.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
ensure_node
ensure_system_packages
ensure_npm_deps

start_bench_app bench-e2e bench 2 "${MATCHCUT_BENCH_PORT:-$((${MATCHCUT_TEST_PORT:-3100} + 100))}"
# The workers are started by the bench itself: today's and this checkout's in turn (issue #25).
say "app on $APP_URL (logs: $LOGS/web-bench-e2e.log, $LOGS/worker-bench-*.log)"
npx --no-install tsx scripts/bench-e2e.ts "$@"
