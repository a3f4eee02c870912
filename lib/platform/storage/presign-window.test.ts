import { describe, expect, it } from "vitest";
import { MAX_WINDOW_S, signingWindow } from "./presign-window";

describe("signingWindow", () => {
  it("gives every moment of a window the same signing time and lifetime", () => {
    const a = signingWindow(1_000_000, 3600);
    expect(signingWindow(1_000_000 + 1, 3600)).toEqual(a);
    expect(signingWindow(a.signedAtS + MAX_WINDOW_S - 1, 3600)).toEqual(a);
    expect(signingWindow(a.signedAtS + MAX_WINDOW_S, 3600).signedAtS).toBe(a.signedAtS + MAX_WINDOW_S);
  });

  it("keeps a URL valid for at least what was asked, and at most one window longer", () => {
    for (const expires of [60, 900, 3600, 6 * 3600, 12 * 3600]) {
      for (const now of [1_700_000_000, 1_700_000_123, 1_700_000_899, 1_700_003_599]) {
        const w = signingWindow(now, expires);
        const validUntil = w.signedAtS + w.expiresInS;
        expect(w.signedAtS).toBeLessThanOrEqual(now);
        expect(validUntil).toBeGreaterThanOrEqual(now + expires);
        expect(validUntil - (now + expires)).toBeLessThanOrEqual(Math.min(MAX_WINDOW_S, expires / 4));
      }
    }
  });

  it("uses a quarter of short lifetimes as the window", () => {
    expect(signingWindow(1000, 900)).toEqual({ signedAtS: 900, expiresInS: 1125, windowS: 225 });
  });
});
