// The page guard (issue #24): every page a spec opens fails its test on a CSP violation, a console
// error, an uncaught page error, a failed request or an error status, unless the spec allows that
// problem by name because it provokes it on purpose. The player's icon font was blocked by the CSP for
// weeks and no test noticed; this makes that class of bug loud.
//
// Specs import `test` and `expect` from ./helpers (eslint refuses `test` from @playwright/test in e2e/).
// Allowing an expected problem, matched against the problem's text (see `describe` below):
//   test.use({ allowedErrors: [/HTTP 404: GET .*\/api\/videos\//] });   // every test in the file
//   guard.allow(/request failed: GET http:\/\/127\.0\.0\.1/);           // in one test
// A context the spec makes itself from its own browser (chromium.launch) is watched with
// `await guard.watch(context)`; contexts from the test's `browser.newContext()` are watched already.
import { test as base, type Browser, type BrowserContext } from "@playwright/test";

export interface Guard {
  /** Lets problems whose text matches `pattern` pass in this test. */
  allow(pattern: RegExp): void;
  /** Watches a context made outside the test's own browser. */
  watch(context: BrowserContext): Promise<void>;
}

const BINDING = "__matchcutCspViolation";

async function watchContext(context: BrowserContext, report: (problem: string) => void): Promise<void> {
  const pageUrl = (url: string | undefined) => url || "(no page)";
  // The event is the only place a browser names the directive; the init script runs before the page's
  // own scripts (and outside its CSP), so violations during load are seen too.
  await context.exposeBinding(BINDING, ({ page }, v: { directive: string; blocked: string }) =>
    report(`CSP violation: ${v.directive} blocked ${v.blocked || "(inline)"} on ${pageUrl(page?.url())}`),
  );
  await context.addInitScript((binding) => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const send = (window as unknown as Record<string, (v: unknown) => void>)[binding];
        send?.({ directive: e.effectiveDirective, blocked: e.blockedURI });
      },
      true,
    );
  }, BINDING);
  context.on("console", (m) => {
    // "Failed to load resource: …" repeats a response or a failed request that the listeners below
    // report with its method and URL, and allow-list entries name those.
    if (m.type() !== "error" || m.text().startsWith("Failed to load resource:")) return;
    report(`console error on ${pageUrl(m.page()?.url())}: ${m.text()}`);
  });
  context.on("weberror", (e) => report(`page error on ${pageUrl(e.page()?.url())}: ${e.error().message}`));
  context.on("requestfailed", (r) => {
    const why = r.failure()?.errorText ?? "unknown";
    // The browser dropping a request it no longer needs (a navigation, a media seek, a cancelled
    // poll) is not a failure of the app.
    if (why === "net::ERR_ABORTED") return;
    report(`request failed: ${r.method()} ${r.url()} (${why})`);
  });
  context.on("response", (r) => {
    if (r.status() >= 400) report(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
}

function describe(problems: string[]): string {
  return [
    `${problems.length} unexpected problem(s) in the browser:`,
    ...problems.map((p) => `  - ${p}`),
    "Fix them, or if the spec provokes one on purpose, allow it by name:",
    "  test.use({ allowedErrors: [/…/] }) for the file, or guard.allow(/…/) in the test.",
  ].join("\n");
}

export const test = base.extend<{ allowedErrors: RegExp[]; guard: Guard }>({
  allowedErrors: [[], { option: true }],
  guard: [
    async ({ context, browser, allowedErrors }, provide) => {
      const allowed = [...allowedErrors];
      const seen: string[] = [];
      const watched = new WeakSet<BrowserContext>();
      const report = (problem: string) => seen.push(problem);
      const watch = async (c: BrowserContext) => {
        if (watched.has(c)) return;
        watched.add(c);
        await watchContext(c, report);
      };
      await watch(context);
      // Contexts the test makes itself (a second user, a signed-out visitor) are guarded as well.
      const newContext = browser.newContext.bind(browser);
      const patched: Browser["newContext"] = async (options) => {
        const c = await newContext(options);
        await watch(c);
        return c;
      };
      browser.newContext = patched;
      try {
        await provide({ allow: (pattern) => allowed.push(pattern), watch });
      } finally {
        browser.newContext = newContext;
      }
      const problems = [...new Set(seen)].filter((p) => !allowed.some((a) => a.test(p)));
      if (problems.length > 0) throw new Error(describe(problems));
    },
    { auto: true },
  ],
});
