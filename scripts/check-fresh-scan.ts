// Pure readers for scripts/check-fresh.ts: which programs and Python modules a file calls, and which ones
// `ensure_system_packages` installs. Heuristic by nature (no full bash parser), tested on real lines.

export interface Use {
  kind: "bin" | "python";
  name: string;
  file: string;
  line: number;
}

const base = (p: string) => p.split("/").pop()!;

/** spawn/execFile calls with a literal program, env defaults for *_PATH / *PYTHON, browser paths. */
export function tsUses(file: string, text: string): Use[] {
  const out: Use[] = [];
  text.split("\n").forEach((l, i) => {
    const add = (name: string) => out.push({ kind: "bin", name: base(name), file, line: i + 1 });
    for (const m of l.matchAll(/\b(?:spawn|spawnSync|execFile|execFileSync|guarded)\(\s*"([^"$]+)"/g))
      add(m[1]!);
    for (const m of l.matchAll(/\b\w+(?:_PATH|PYTHON): z\.string\(\)\.default\("([^"]+)"\)/g)) add(m[1]!);
    for (const m of l.matchAll(/executablePath:[^"\n]*"([^"]+)"/g)) add(m[1]!);
  });
  return out;
}

const KEYWORDS = new Set(
  "if then else elif fi while until do done for in case esac function select time ! [[ ]] { } ( ) exec nohup command".split(
    " ",
  ),
);
const BUILTINS = new Set(
  (
    "alias bg bind break builtin caller cd compgen complete continue declare dirs disown echo enable eval exit export " +
    "false fc fg getopts hash help history jobs kill let local logout mapfile popd printf pushd pwd read readarray " +
    "readonly return set shift shopt source suspend test times trap true type typeset ulimit umask unalias unset wait . :"
  ).split(" "),
);

/** Names of the functions the repo's shell scripts define (scripts/lib.sh's are used by the others). */
export function bashFunctions(texts: readonly string[]): Set<string> {
  return new Set(texts.flatMap((t) => [...t.matchAll(/^\s*([\w-]+)\(\)\s*\{/gm)].map((m) => m[1]!)));
}

/** The first word of each simple command of a bash script (pipelines, lists, $( ) substitutions). */
export function bashUses(file: string, text: string, funcs: ReadonlySet<string>): Use[] {
  const out: Use[] = [];
  let heredoc: string | null = null;
  text.split("\n").forEach((raw, i) => {
    if (heredoc) {
      if (raw.trim() === heredoc) heredoc = null;
      return;
    }
    const hd = /<<-?\s*['"]?(\w+)['"]?/.exec(raw);
    if (hd) heredoc = hd[1]!;
    let l = raw
      .replace(/(^|\s)#.*$/, "")
      .replace(/\bcase\b.*?\bin\b.*?\)/, " ") // case patterns are not commands
      .replace(/\[\[.*?\]\]/g, " ") // tests
      .replace(/[\w]+\+?=\([^)]*\)/g, " ") // array assignments
      .replace(/\{\w+\}[<>]+/g, " ") // exec {fd}>>file
      .replace(/\$?\(\((?:[^()]|\([^()]*\))*\)\)/g, " $_ "); // arithmetic: $((a + b)), ((i++)), for ((…))
    const subs = [...l.matchAll(/\$\(([^()]*)\)/g)].map((m) => m[1]!);
    l = l.replace(/\$\([^()]*\)/g, " $_ ");
    // a quoted single word may be a program ("$bin/pg_ctl"); a quoted sentence is an argument
    l = l
      .replace(/"([^"\s]*)"/g, "$1")
      .replace(/"[^"]*"/g, " $_ ")
      .replace(/'[^']*'/g, " $_ ");
    for (const seg of [l, ...subs].flatMap((s) => s.split(/\|\||&&|[|;&`(){}]/))) {
      const words = seg.trim().split(/\s+/).filter(Boolean);
      if (words[0] === "for" || words[0] === "select") continue; // for VAR in WORDS
      while (words.length && (KEYWORDS.has(words[0]!) || /^\w+=/.test(words[0]!))) {
        if (words[0] === "command") return; // `command -v x`: a check, not a call
        words.shift();
      }
      const w = words[0];
      if (!w) continue;
      const viaVar = /^\$\{?\w+\}?\/([\w.+-]+)$/.exec(w);
      const name = viaVar ? viaVar[1]! : w;
      if (!viaVar && !/^(\/[\w.+/-]+|[a-zA-Z][\w.+-]*)$/.test(name)) continue;
      if (BUILTINS.has(name) || funcs.has(name) || KEYWORDS.has(name)) continue;
      if (name.includes("/") && !name.startsWith("/")) continue; // a script of the repo (models/tools/x.sh)
      out.push({ kind: "bin", name: base(name), file, line: i + 1 });
    }
  });
  return out;
}

/** `import x` / `from x import y` at the start of a line: top-level module names. */
export function pythonImports(file: string, text: string): Use[] {
  const out: Use[] = [];
  text.split("\n").forEach((l, i) => {
    const m = /^\s*(?:import\s+([\w.]+)|from\s+([\w.]+)\s+import\s)/.exec(l);
    const mod = m?.[1] ?? m?.[2];
    if (mod && !mod.startsWith("."))
      out.push({ kind: "python", name: mod.split(".")[0]!, file, line: i + 1 });
  });
  return out;
}

/** What `ensure_system_packages` in scripts/lib.sh checks for (and so installs when missing). */
export function coverage(libSh: string): { bins: Set<string>; python: Set<string> } {
  const start = libSh.indexOf("ensure_system_packages() {");
  if (start < 0) throw new Error("scripts/lib.sh has no ensure_system_packages function");
  const body = libSh.slice(start, libSh.indexOf("\n}\n", start));
  const bins = new Set<string>();
  for (const m of body.matchAll(/command -v ([\w.+-]+)/g)) bins.add(m[1]!);
  for (const m of body.matchAll(/-x (\/[\w./+-]+)/g)) bins.add(base(m[1]!));
  // pg_bin finds PostgreSQL's versioned bin directory, which the postgresql package installs
  if (/\bpg_bin\b/.test(body)) for (const b of ["pg_ctl", "initdb", "postgres"]) bins.add(b);
  const python = new Set<string>();
  if (body.includes("$TRAINER_MODULES")) {
    const list = /^TRAINER_MODULES="([^"]*)"/m.exec(libSh)?.[1] ?? "";
    for (const m of list.split(/\s+/).filter(Boolean)) python.add(m);
  }
  return { bins, python };
}
