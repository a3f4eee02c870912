#!/usr/bin/env bash
# Command 1 of the README: brings the whole app up on this machine. Every process is supervised: one that
# exits is started again with backoff (scripts/supervise.sh). Ctrl-C stops everything; data stays in .data/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_dotenv
load_env
ensure_node
ensure_system_packages
ensure_npm_deps

cleanup() {
  # npm relays Ctrl-C as a second signal: ignore it, or it would cut this cleanup short.
  trap "" INT TERM
  trap - EXIT
  say "stopping"
  # Newest first: web and worker finish their requests and jobs while the services are still there.
  stop_supervised
}
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

supervise_services
ensure_database matchcut
npx --no-install tsx scripts/migrate.ts

PORT="${PORT:-3000}"
export PORT APP_URL="${APP_URL:-http://localhost:$PORT}"
if [[ ! -f .next/BUILD_ID ]] || [[ -n "$(find app components lib -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]]; then
  say "building the web app (first run takes a few minutes)"
  npx --no-install next build >"$LOGS/build.log" 2>&1 || { tail -40 "$LOGS/build.log"; die "next build failed"; }
fi

# Fresh logs for this run; restarts within it append (each after its supervisor's line).
: >"$LOGS/web.log"
: >"$LOGS/worker.log"
supervise web "$LOGS/web.log" node node_modules/next/dist/bin/next start -p "$PORT"
supervise worker "$LOGS/worker.log" node --import tsx worker/index.ts
wait_port "$PORT" "web app"

say "Matchcut is running at $APP_URL"
say "sign in as ${ADMIN_EMAIL:-admin@matchcut.local} / ${ADMIN_PASSWORD:-(ADMIN_PASSWORD is not set: see .env)}"
say "logs: .data/logs/{web,worker,postgres,redis,s3}.log — a process that exits is restarted; press Ctrl-C to stop"
# Supervisors end only when stopped: Ctrl-C (the trap stops them and exits) or if they were killed.
wait "${SUPERVISED[@]}" || true
say "every supervisor has ended; stopping"
