// Issue #27: every status column is written only in its lifecycle module. This reader finds the other
// writes in a source file (tests and fixtures included), for scripts/status-writes.test.ts:
// - Prisma writes (create, update, upsert … of video, analysis, liveSource, highlight, nested ones
//   included) whose data sets a status column, following object literals, spreads, conditionals,
//   `rows.map((r) => ({ … }))` and variables declared in the same file;
// - raw SQL that updates or inserts one;
// - a lifecycle's `seed(…)`, which places a row in a status without a move, outside fixtures.
// Data built in another module and handed in is not followed: that module is read on its own.
import ts from "typescript";

/** The status columns of each Prisma model, and the one module allowed to write each. */
export const OWNERS: Record<string, Record<string, string>> = {
  video: { status: "lib/videos/lifecycle.ts", reelStatus: "lib/clips/lifecycle.ts" },
  highlight: { clipStatus: "lib/clips/lifecycle.ts" },
  analysis: { status: "lib/analysis/lifecycle.ts" },
  liveSource: { status: "lib/live/lifecycle.ts" },
};
const TABLES: Record<string, string> = {
  Video: "video",
  Highlight: "highlight",
  Analysis: "analysis",
  LiveSource: "liveSource",
};
// Relation fields through which a nested write reaches one of those models.
const RELATIONS: Record<string, string> = {
  video: "video",
  videos: "video",
  highlights: "highlight",
  analysis: "analysis",
  analyses: "analysis",
  liveSource: "liveSource",
  liveSources: "liveSource",
};
const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
]);
const LIFECYCLES = new Set([
  "videoLifecycle",
  "clipLifecycle",
  "reelLifecycle",
  "analysisLifecycle",
  "liveLifecycle",
]);

export interface Write {
  file: string;
  line: number;
  what: string;
}

/** Tests, test fixtures, e2e specs and scripts: where a row may be seeded in a status. */
export const isFixture = (file: string) =>
  /(^|\/)(test|e2e|scripts)\//.test(file) || /\.test\.tsx?$/.test(file);

const nameOf = (n: ts.PropertyName | undefined) =>
  n && (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : undefined;

export function statusWrites(file: string, text: string): Write[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Write[] = [];
  const at = (n: ts.Node, what: string) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, what });
  const owns = (model: string, column: string) => OWNERS[model]?.[column] === file;

  const declared = new Map<string, ts.Expression>();
  const collect = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer)
      declared.set(n.name.text, n.initializer);
    ts.forEachChild(n, collect);
  };
  collect(sf);

  // The object(s) an expression may evaluate to, as far as this file shows.
  const objects = (e: ts.Expression | undefined, seen = new Set<string>()): ts.ObjectLiteralExpression[] => {
    if (!e) return [];
    if (ts.isObjectLiteralExpression(e)) return [e];
    if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => objects(x, seen));
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
      return objects(e.expression, seen);
    if (ts.isConditionalExpression(e)) return [...objects(e.whenTrue, seen), ...objects(e.whenFalse, seen)];
    if (ts.isBinaryExpression(e)) return [...objects(e.left, seen), ...objects(e.right, seen)];
    if (ts.isIdentifier(e) && !seen.has(e.text) && declared.has(e.text))
      return objects(declared.get(e.text), new Set([...seen, e.text]));
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      const cb = e.arguments[0];
      if (e.expression.name.text === "map" && cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) {
        if (!ts.isBlock(cb.body)) return objects(cb.body, seen);
        const found: ts.ObjectLiteralExpression[] = [];
        const returns = (n: ts.Node): void => {
          if (ts.isReturnStatement(n)) found.push(...objects(n.expression, seen));
          else if (!ts.isFunctionLike(n)) ts.forEachChild(n, returns);
        };
        returns(cb.body);
        return found;
      }
    }
    return [];
  };

  // The properties an object literal sets, spreads resolved; shorthand `{ status }` counts.
  const props = (o: ts.ObjectLiteralExpression): { name: string; node: ts.Node; value?: ts.Expression }[] =>
    o.properties.flatMap((p) => {
      if (ts.isSpreadAssignment(p)) return objects(p.expression).flatMap(props);
      if (ts.isShorthandPropertyAssignment(p))
        return [{ name: p.name.text, node: p, value: declared.get(p.name.text) }];
      if (ts.isPropertyAssignment(p)) {
        const name = nameOf(p.name);
        return name ? [{ name, node: p, value: p.initializer }] : [];
      }
      return [];
    });
  const field = (e: ts.Expression | undefined, key: string) =>
    objects(e).flatMap((o) =>
      props(o)
        .filter((p) => p.name === key)
        .map((p) => p.value),
    );

  const data = (model: string, e: ts.Expression | undefined): void => {
    for (const o of objects(e))
      for (const p of props(o)) {
        if (OWNERS[model]?.[p.name] !== undefined && !owns(model, p.name))
          at(p.node, `${model}.${p.name} written outside ${OWNERS[model]![p.name]}`);
        const nested = RELATIONS[p.name];
        if (nested) {
          for (const k of ["create", "update"]) field(p.value, k).forEach((v) => data(nested, v));
          for (const k of ["createMany", "updateMany"])
            field(p.value, k).forEach((v) => field(v, "data").forEach((d) => data(nested, d)));
          for (const k of ["upsert", "connectOrCreate"])
            field(p.value, k).forEach((v) =>
              ["create", "update"].forEach((x) => field(v, x).forEach((d) => data(nested, d))),
            );
        }
      }
  };

  // UPDATE: the SET list; INSERT: the column list.
  const sql = (n: ts.Node, body: string) => {
    for (const m of body.matchAll(/\b(UPDATE|INSERT\s+INTO)\s+"(\w+)"([^;]*)/gi)) {
      const model = TABLES[m[2]!];
      if (!model) continue;
      const update = /^UPDATE/i.test(m[1]!);
      const cols = update
        ? (m[3]!.match(/\bSET\b([\s\S]*?)(\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/i)?.[1] ?? "")
        : (m[3]!.match(/\(([^)]*)\)/)?.[1] ?? "");
      for (const column of Object.keys(OWNERS[model]!)) {
        const re = update ? `(^|[\\s,.])"?${column}"?\\s*=` : `(^|[\\s,])"?${column}"?\\s*(,|$)`;
        if (new RegExp(re).test(cols) && !owns(model, column))
          at(n, `${model}.${column} written by raw SQL outside ${OWNERS[model]![column]}`);
      }
    }
  };

  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      const target = n.expression.expression;
      const model = ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
      // Any model's write: a user's or a source's may create one of ours nested inside.
      if (model && WRITES.has(method)) {
        const arg = n.arguments[0];
        for (const k of method === "upsert" ? ["create", "update"] : ["data"])
          field(arg, k).forEach((v) => data(model, v));
      }
      if (method === "seed" && ts.isIdentifier(target) && LIFECYCLES.has(target.text) && !isFixture(file))
        at(n, `${target.text}.seed outside tests, fixtures and scripts`);
    }
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isStringLiteral(n)) sql(n, n.text);
    if (ts.isTemplateExpression(n))
      sql(n, [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" ? "));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
