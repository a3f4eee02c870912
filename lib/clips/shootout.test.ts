import { describe, expect, it } from "vitest";
import { kickNumbers, kickText, shootouts, tallyOf, tallyText, type Kickable } from "./shootout";

const k = (id: string, startS: number, o: Partial<Kickable> = {}): Kickable => ({
  id,
  label: "penalty",
  status: "suggested",
  startS,
  endS: startS + 5,
  ...o,
});

describe("shootouts", () => {
  it("groups penalties within minutes of each other, in time order; rejected ones and other labels are not kicks", () => {
    const hs = [
      k("c", 5_410),
      k("a", 5_300),
      k("play", 1_200), // a penalty in play, an hour earlier
      k("b", 5_350),
      k("x", 5_380, { status: "rejected" }),
      k("goal", 5_390, { label: "goal" }),
      k("d", 5_600), // 185 s after c ends: over 3 minutes, so a run of its own (one kick: no shoot-out)
    ];
    expect(shootouts(hs).map((g) => g.map((h) => h.id))).toEqual([["a", "b", "c"]]);
    expect([...kickNumbers(hs)]).toEqual([
      ["a", { shootout: 1, kick: 1 }],
      ["b", { shootout: 1, kick: 2 }],
      ["c", { shootout: 1, kick: 3 }],
    ]);
    expect(shootouts([k("a", 0), k("b", 60)])).toEqual([]);
  });

  it("tallies only what the editor tagged", () => {
    const t = tallyOf([
      k("a", 0, { kick: "scored" }),
      k("b", 1, { kick: "missed" }),
      k("c", 2),
      k("d", 3, { kick: "scored" }),
    ]);
    expect(t).toEqual({ scored: 2, missed: 1, untagged: 1 });
    expect(tallyText(t)).toBe("2 scored · 1 missed · 1 not tagged");
    expect(tallyText({ scored: 4, missed: 2, untagged: 0 })).toBe("4 scored · 2 missed");
    expect(kickText(3, "missed")).toBe("Kick 3 · missed");
    expect(kickText(1, null)).toBe("Kick 1");
  });
});
