import { describe, expect, it } from "vitest";
import { choosePartSize, expectedPartSize, partCount } from "./part-size";

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

describe("choosePartSize", () => {
  it("keeps the configured size when the file fits in 10,000 parts", () => {
    expect(choosePartSize(2 * GIB, 16 * MIB)).toBe(16 * MIB);
  });

  it("grows the part size so a huge file needs at most 10,000 parts", () => {
    const size = 500 * GIB;
    const partSize = choosePartSize(size, 16 * MIB);
    expect(partSize).toBe(64 * MIB);
    expect(partCount(size, partSize)).toBeLessThanOrEqual(10_000);
  });

  it("never goes below S3's 5 MiB minimum", () => {
    expect(choosePartSize(10, 1024)).toBe(5 * MIB);
  });
});

describe("expectedPartSize", () => {
  it("gives full parts and a short last part", () => {
    const size = 2 * 5 * MIB + 123;
    expect(partCount(size, 5 * MIB)).toBe(3);
    expect(expectedPartSize(size, 5 * MIB, 1)).toBe(5 * MIB);
    expect(expectedPartSize(size, 5 * MIB, 3)).toBe(123);
    expect(expectedPartSize(size, 5 * MIB, 4)).toBe(0);
  });
});
