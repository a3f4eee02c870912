import { describe, expect, it } from "vitest";
import { formatBytes, titleFromFileName } from "./names";

describe("titleFromFileName", () => {
  it("drops the extension only", () => {
    expect(titleFromFileName("Cup final.2024.mp4")).toBe("Cup final.2024");
    expect(titleFromFileName("match")).toBe("match");
    expect(titleFromFileName(".mov")).toBe(".mov");
  });
});

describe("formatBytes", () => {
  it("uses decimal units", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1_500_000)).toBe("1.5 MB");
    expect(formatBytes(20 * 1024 ** 3)).toBe("21.5 GB");
  });
});
