import { describe, expect, it } from "vitest";
import { etaSeconds, throttle } from "./progress";

describe("etaSeconds", () => {
  it("extrapolates from elapsed time", () => expect(etaSeconds(0, 10_000, 0.25)).toBe(30));
  it("has no estimate at the very start or end", () => {
    expect(etaSeconds(0, 1000, 0.01)).toBeNull();
    expect(etaSeconds(0, 1000, 1)).toBeNull();
  });
});

describe("throttle", () => {
  it("lets one call through per interval unless forced", () => {
    let t = 0;
    const gate = throttle(1000, () => t);
    expect(gate()).toBe(true);
    t = 500;
    expect(gate()).toBe(false);
    expect(gate(true)).toBe(true);
    t = 1600;
    expect(gate()).toBe(true);
  });
});
