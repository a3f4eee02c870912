// `npm run check:fresh` (issue #30): every system program and Python module that the code, the scripts and
// the tests call, found by reading them, must be installed by `ensure_system_packages` (scripts/lib.sh) —
// or come with every Debian system (an Essential package) or be Node.js itself. A new call to a program
// that a fresh machine lacks fails here, not on the first user's machine.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { bashFunctions, bashUses, coverage, pythonImports, tsUses, type Use } from "./check-fresh-scan";

const root = path.resolve(import.meta.dirname, "..");
// Every file of the checkout but dependencies, build output, data and generated code. The scanner and its
// test hold the patterns, not calls.
const SKIP = /^(node_modules|\.git|\.next|\.data|lib\/generated|test-results|playwright-report)(\/|$)/;
const SELF = new Set(["scripts/check-fresh-scan.ts", "scripts/check-fresh-scan.test.ts"]);
const files = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile())
  .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
  .filter((f) => !SKIP.test(f) && !SELF.has(f))
  .sort();
const read = (f: string) => readFileSync(path.join(root, f), "utf8");

const shell = files.filter((f) => /\.sh$/.test(f) || f === ".ci/run");
const funcs = bashFunctions(shell.map(read));
const uses: Use[] = [];
for (const f of files) if (/\.(ts|tsx)$/.test(f)) uses.push(...tsUses(f, read(f)));
for (const f of shell) uses.push(...bashUses(f, read(f), funcs));
const localPy = new Set(files.filter((f) => f.endsWith(".py")).map((f) => path.basename(f, ".py")));
const stdlib = new Set<string>(
  JSON.parse(
    execFileSync(
      "/usr/bin/python3",
      ["-c", "import sys, json; print(json.dumps(sorted(sys.stdlib_module_names)))"],
      {
        encoding: "utf8",
      },
    ),
  ),
);
for (const f of files.filter((x) => x.endsWith(".py")))
  for (const u of pythonImports(f, read(f))) if (!stdlib.has(u.name) && !localPy.has(u.name)) uses.push(u);

// What ensure_system_packages checks and installs, read from its own text.
const lib = read("scripts/lib.sh");
const covered = coverage(lib);

/** The Debian package a program comes from, and whether every Debian system has it (Essential). */
function essential(bin: string): string | null {
  let full: string;
  try {
    full = execFileSync("bash", ["-c", `command -v -- "$1"`, "_", bin], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
  if (!full.startsWith("/")) return "a shell builtin";
  for (const p of new Set([full, full.replace(/^\/usr/, ""), `/usr${full}`])) {
    try {
      const pkg = execFileSync("dpkg-query", ["-S", p], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      })
        .split(":")[0]!
        .trim();
      const ess = execFileSync("dpkg-query", ["-W", "-f=${Essential}", pkg], { encoding: "utf8" }).trim();
      return ess === "yes" ? `Debian Essential package ${pkg}` : null;
    } catch {
      // not this spelling of the path (usrmerge)
    }
  }
  return null;
}

const NODE = new Set(["node", "npm", "npx"]); // ensure_node checks the version; they run every script
// Called only where present, as one way among others: not needed on a fresh machine.
const OPTIONAL: Record<string, string> = {
  sudo: "used only when not root, to run apt-get (else the exact command is printed)",
};
const byName = new Map<string, Use[]>();
for (const u of uses) byName.set(`${u.kind}:${u.name}`, [...(byName.get(`${u.kind}:${u.name}`) ?? []), u]);

let missing = 0;
const rows: string[] = [];
for (const [key, us] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
  const [kind, name] = key.split(":") as [Use["kind"], string];
  const where = `${us[0]!.file}:${us[0]!.line}${us.length > 1 ? ` (+${us.length - 1} more)` : ""}`;
  let how: string | null = null;
  if (kind === "python") how = covered.python.has(name) ? `ensure_system_packages (python3-${name})` : null;
  else if (covered.bins.has(name)) how = "ensure_system_packages";
  else if (NODE.has(name)) how = "Node.js (ensure_node)";
  else if (OPTIONAL[name]) how = `optional: ${OPTIONAL[name]}`;
  else how = essential(name);
  if (!how) missing++;
  rows.push(
    `${how ? "ok     " : "MISSING"} ${kind === "python" ? `python3 module ${name}` : name}  — ${where}${how ? `  [${how}]` : ""}`,
  );
}
console.log(rows.join("\n"));
console.log(
  `\n${byName.size} programs and modules used; ${missing} not installed by ensure_system_packages (scripts/lib.sh) on a fresh machine`,
);
if (missing > 0) {
  console.error("check:fresh failed: add each MISSING one to ensure_system_packages in scripts/lib.sh");
  process.exit(1);
}
