import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./headers";

const csp = (https = false) =>
  contentSecurityPolicy({ nonce: "abc", https, dev: false, mediaOrigins: [] }).split("; ");

describe("contentSecurityPolicy", () => {
  it("lets video.js's inline icon font load, and fonts from nowhere else", () => {
    expect(csp()).toContain("font-src 'self' data:");
  });

  it("lets video.js start its HLS remuxing worker from its own blob: URL, and workers from nowhere else", () => {
    expect(csp()).toContain("worker-src 'self' blob:");
  });

  it("keeps scripts on the nonce and objects and framing off", () => {
    expect(csp()).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp()).toContain("object-src 'none'");
    expect(csp()).toContain("frame-ancestors 'none'");
    expect(csp()).not.toContain("upgrade-insecure-requests");
    expect(csp(true)).toContain("upgrade-insecure-requests");
  });
});
