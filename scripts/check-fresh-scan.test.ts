import { describe, expect, it } from "vitest";
import { bashFunctions, bashUses, coverage, pythonImports, tsUses } from "./check-fresh-scan";

const names = (us: { name: string }[]) => us.map((u) => u.name);

describe("check:fresh readers (issue #30)", () => {
  it("finds programs spawned with a literal name, env defaults and the browser path", () => {
    const ts = [
      'execFileSync("setpriv", ["--pdeathsig", "KILL", "--", "true"], { stdio: "ignore" });',
      'const [cmd, guardedArgs] = guarded("nice", args);',
      'spawn(process.execPath, ["--import", "tsx"]);',
      '  FFMPEG_PATH: z.string().default("ffmpeg"),',
      '  TRAIN_PYTHON: z.string().default("/usr/bin/python3"),',
      '      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",',
    ].join("\n");
    expect(names(tsUses("x.ts", ts))).toEqual(["setpriv", "nice", "ffmpeg", "python3", "chromium"]);
  });

  it("takes the first word of each command in bash, not arguments, loop variables, tests or functions", () => {
    const sh = [
      "say() { printf 'x'; }",
      'for p in "$@"; do kill -TERM "$p" 2>/dev/null || true; done',
      '  pg_run "$bin/pg_ctl" -D "$dir" -l "$LOGS/postgres.log" start >/dev/null ||',
      '    { tail -20 "$LOGS/postgres.log"; die "PostgreSQL did not start | never"; }',
      'psql -h 127.0.0.1 -tAc "SELECT 1" | grep -q 1 || createdb x',
      "uses_local_pg && ! port_open $PG_PORT && started+=(postgres)",
      "command -v ffmpeg >/dev/null 2>&1 || want+=(ffmpeg)",
      '[[ ! -f "$stamp" || "$ROOT/package-lock.json" -nt "$stamp" ]]',
      'v=$(node -p "process.versions.node") # a comment: curl',
      'case "$STAGE" in all | static) ;; *) die "unknown" ;; esac',
      "cat >x <<'EOT'",
      "redis-server --inside-heredoc",
      "EOT",
      'echo "took $(((end - start) / 1000000)) ms"',
      "for ((i = ${#A[@]} - 1; i >= 0; i--)); do stop_pids x; done",
      "while ((stop == 0)); do up=$((SECONDS - started)); ((up < 60)) || delay=1; done",
      "delay=$((delay * 2 > MAX ? MAX : delay * 2))",
    ].join("\n");
    const funcs = bashFunctions([
      sh,
      "pg_run() {\n}\ndie() {\n}\nport_open() {\n}\nuses_local_pg() {\n}\nstop_pids() {\n}",
    ]);
    expect(names(bashUses("x.sh", sh, funcs))).toEqual(["tail", "psql", "grep", "createdb", "node", "cat"]);
  });

  it("reads top-level Python imports, not prose", () => {
    const py =
      "import numpy as np\nfrom onnx import helper\nfrom the base training set. When\nfrom .x import y\n";
    expect(names(pythonImports("x.py", py))).toEqual(["numpy", "onnx"]);
  });

  it("reads what ensure_system_packages checks, so taking an entry out is seen", () => {
    const lib = [
      'TRAINER_MODULES="torch onnx numpy"',
      "ensure_system_packages() {",
      "  command -v ffmpeg >/dev/null 2>&1 || want+=(ffmpeg)",
      "  if uses_local_pg; then pg_bin >/dev/null 2>&1 || want+=(postgresql); fi",
      "  [[ -x /usr/bin/chromium ]] || want+=(chromium)",
      "  for mod in $TRAINER_MODULES; do :; done",
      "}",
      "other() {",
      "  command -v outside >/dev/null",
      "}",
      "",
    ].join("\n");
    const c = coverage(lib);
    expect([...c.bins].sort()).toEqual(["chromium", "ffmpeg", "initdb", "pg_ctl", "postgres"]);
    expect([...c.python]).toEqual(["torch", "onnx", "numpy"]);
    expect(
      coverage(lib.replace("  command -v ffmpeg >/dev/null 2>&1 || want+=(ffmpeg)\n", "")).bins.has("ffmpeg"),
    ).toBe(false);
  });
});
