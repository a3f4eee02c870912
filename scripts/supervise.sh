#!/usr/bin/env bash
# Supervision for `npm run up` (issue #23), sourced by lib.sh: a process that exits (a crash, kill -9, the
# OOM killer) is started again with backoff and a log line; only a stop request (TERM to its supervisor)
# ends it. Before this, `wait -n` in up.sh stopped the whole stack when any one process exited.
#
#   supervise [--stop-signal SIG] NAME LOG CMD [ARG…]
#     Runs CMD (its output appended to LOG) under a supervisor in the background. Sets SUPERVISED_PID (the
#     supervisor's pid) and appends it to the SUPERVISED array; the pid of the current CMD process is
#     in "$SUPERVISE_RUN/NAME.pid" (kill -9 that one to test a crash). SIG (default TERM) is what CMD gets
#     when the supervisor is stopped: PostgreSQL wants INT (fast shutdown) rather than TERM (waits for
#     every client to leave).
#   stop_supervised            stops every supervisor in SUPERVISED, newest first, each with its process.
#
# Backoff: SUPERVISE_MIN_DELAY s (1) doubling to SUPERVISE_MAX_DELAY s (30); a run that lasted
# SUPERVISE_RESET_AFTER s (60) starts the backoff again from the minimum.
SUPERVISE_RUN="${SUPERVISE_RUN:-$DATA/run}"
SUPERVISE_MIN_DELAY="${SUPERVISE_MIN_DELAY:-1}"
SUPERVISE_MAX_DELAY="${SUPERVISE_MAX_DELAY:-30}"
SUPERVISE_RESET_AFTER="${SUPERVISE_RESET_AFTER:-60}"
# How long a stopped process may take before it is killed; below stop_pids' 30 s, so that a supervisor
# is never killed while its own process is still running.
SUPERVISE_STOP_TIMEOUT="${SUPERVISE_STOP_TIMEOUT:-25}"
SUPERVISED=()

supervise() {
  local sig=TERM
  if [[ "${1:-}" == --stop-signal ]]; then
    sig=$2
    shift 2
  fi
  (($# >= 3)) || die "usage: supervise [--stop-signal SIG] NAME LOG CMD [ARG…]"
  mkdir -p "$SUPERVISE_RUN"
  supervise_loop "$sig" "$@" &
  SUPERVISED_PID=$!
  SUPERVISED+=("$SUPERVISED_PID")
}

stop_supervised() {
  local i
  for ((i = ${#SUPERVISED[@]} - 1; i >= 0; i--)); do stop_pids "${SUPERVISED[i]}"; done
  SUPERVISED=()
  return 0
}

# "exit 1", "killed by SIGKILL" from a `wait` status.
exit_reason() {
  if (($1 > 128)); then echo "killed by SIG$(kill -l $(($1 - 128)) 2>/dev/null || echo $(($1 - 128)))"; else echo "exit $1"; fi
}

supervise_loop() {
  local sig=$1 name=$2 log=$3
  shift 3
  local pidfile="$SUPERVISE_RUN/$name.pid" delay=$SUPERVISE_MIN_DELAY restarts=0 stop=0 child code started up pause i reason msg
  # Ctrl-C is for up.sh, which stops the processes in order (app first, then the services); TERM is the
  # stop request. Each process runs in a session of its own (setsid), so a Ctrl-C in the terminal does not
  # reach it either and it is stopped only through here.
  trap '' INT
  trap 'stop=1' TERM
  trap - EXIT
  while ((stop == 0)); do
    started=$SECONDS
    setsid "$@" >>"$log" 2>&1 </dev/null &
    child=$!
    echo "$child" >"$pidfile"
    while :; do
      code=0
      wait "$child" 2>/dev/null || code=$?
      # wait returns early when TERM arrives; the process is then still there.
      kill -0 "$child" 2>/dev/null || break
      ((stop == 0)) || break
    done
    if ((stop == 1)); then
      kill -"$sig" "$child" 2>/dev/null || true
      for ((i = 0; i < SUPERVISE_STOP_TIMEOUT * 5; i++)); do kill -0 "$child" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$child" 2>/dev/null || true
      wait "$child" 2>/dev/null || true
      break
    fi
    up=$((SECONDS - started))
    ((up < SUPERVISE_RESET_AFTER)) || delay=$SUPERVISE_MIN_DELAY
    restarts=$((restarts + 1))
    reason=$(exit_reason "$code")
    msg="$name exited ($reason) after ${up} s; restarting in ${delay} s (restart $restarts)"
    say "$msg"
    printf '[supervisor %s] %s\n' "$(date -u +%FT%TZ)" "$msg" >>"$log"
    sleep "$delay" &
    pause=$!
    wait "$pause" || true
    kill "$pause" 2>/dev/null || true
    delay=$((delay * 2 > SUPERVISE_MAX_DELAY ? SUPERVISE_MAX_DELAY : delay * 2))
  done
  rm -f "$pidfile"
  exit 0
}

# --- the local services under supervision (up.sh) ---------------------------------------------------
# In the foreground (no pg_ctl, no --daemonize), so that their supervisor sees them exit. A service whose
# port is already open (started by something else) is used as it is, and left alone.

supervise_postgres() {
  uses_local_pg || return 0
  port_open $PG_PORT && { say "PostgreSQL already answers on $PG_PORT: using it, not supervised"; return 0; }
  init_postgres
  local bin as=()
  bin=$(pg_bin)
  # PostgreSQL refuses to run as root; setpriv execs it in place (same pid), unlike runuser.
  [[ $(id -u) -eq 0 ]] && as=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  supervise --stop-signal INT postgres "$LOGS/postgres.log" "${as[@]}" "$bin/postgres" -D "$DATA/postgres" \
    -p "$PG_PORT" -c listen_addresses=127.0.0.1 -k "$DATA/run"
  wait_port $PG_PORT PostgreSQL
}

supervise_redis() {
  uses_local_redis || return 0
  port_open $REDIS_PORT && { say "Redis already answers on $REDIS_PORT: using it, not supervised"; return 0; }
  mkdir -p "$DATA/redis"
  supervise redis "$LOGS/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" \
    --appendonly yes --save "" --daemonize no
  wait_port $REDIS_PORT Redis
}

supervise_s3() {
  uses_local_s3 || return 0
  port_open $S3_PORT && { say "the S3 server already answers on $S3_PORT: using it, not supervised"; return 0; }
  mkdir -p "$DATA/s3"
  supervise s3 "$LOGS/s3.log" node --import tsx scripts/s3-server.ts "$S3_PORT"
  wait_port $S3_PORT "S3 server (s3rver)"
}

supervise_services() { supervise_postgres; supervise_redis; supervise_s3; }
