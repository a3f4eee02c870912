import { describe, expect, it } from "vitest";
import { decodeF16, encodeF16, fromHalf, toHalf } from "./f16";

describe("float16", () => {
  it("encodes exact values exactly", () => {
    for (const v of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24]) expect(fromHalf(toHalf(v))).toBe(v);
  });

  it("rounds to about 3 significant digits", () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => (i * 0.0137) % 7);
    const back = decodeF16(encodeF16(values));
    values.forEach((v, i) =>
      expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(Math.max(Math.abs(v) * 2 ** -11, 2 ** -24)),
    );
  });

  it("handles overflow, infinities and NaN", () => {
    expect(fromHalf(toHalf(1e6))).toBe(Infinity);
    expect(fromHalf(toHalf(-Infinity))).toBe(-Infinity);
    expect(fromHalf(toHalf(Number.NaN))).toBeNaN();
    expect(fromHalf(toHalf(1e-10))).toBe(0);
  });

  it("decodes every one of the 65,536 halves as fromHalf does (the lookup table is exact)", () => {
    const all = new Uint16Array(65536).map((_, h) => h);
    const decoded = decodeF16(new Uint8Array(all.buffer));
    all.forEach((h) => expect(Object.is(decoded[h], Math.fround(fromHalf(h)))).toBe(true));
  });

  it("writes 2 bytes per value, little-endian", () => {
    expect([...encodeF16(Float32Array.of(1))]).toEqual([0x00, 0x3c]);
  });
});
