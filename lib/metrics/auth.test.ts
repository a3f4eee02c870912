import { describe, expect, it } from "vitest";
import { bearerMatches } from "./auth";

describe("bearerMatches", () => {
  const token = "0123456789abcdef-token";
  it("accepts the token as a Bearer header", () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });
  it("refuses another token, another scheme, no header, or no token configured", () => {
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(null, token)).toBe(false);
    expect(bearerMatches("Bearer ", token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}`, undefined)).toBe(false);
  });
});
