import { describe, expect, it } from "vitest";
import { FALLBACK, savedParams } from "./segment-params";

const p = (enter: number) => ({ ...FALLBACK, enter });

describe("savedParams", () => {
  it("takes the model's defaults, overridden by what the editor applied", () => {
    const out = savedParams({ penalty: p(0.7) }, { penalty: p(0.9) }, ["background", "penalty"]);
    expect(out).toEqual({ penalty: p(0.9) });
  });

  it("drops classes the scores do not have", () => {
    expect(savedParams({ penalty: p(0.7), goal: p(0.6) }, {}, ["penalty"])).toEqual({ penalty: p(0.7) });
  });

  it("falls back for every non-background class when nothing is tuned", () => {
    expect(savedParams({}, null, ["background", "penalty", "goal"])).toEqual({
      penalty: FALLBACK,
      goal: FALLBACK,
    });
  });
});
