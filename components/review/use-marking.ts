"use client";

import { useState } from "react";
import { matchTime } from "./frames";

/**
 * Issue #14 item 4: marking examples of a label with I and O. While a label is chosen (Teach panel),
 * I sets the in-point at the playhead and O the out-point; the span is saved as a highlight of that
 * label, which is a positive training label (lib/labels/service.ts). With no label chosen, I and O trim
 * the selected highlight as before.
 */
export function useMarking(
  create: (label: string, startS: number, endS: number) => void,
  setNotice: (text: string | null) => void,
) {
  const [label, setLabel] = useState<string | null>(null);
  const [inS, setIn] = useState<number | null>(null);
  const choose = (l: string | null) => {
    setLabel(l);
    setIn(null);
    setNotice(l ? `Marking "${l}": press I at the start of an example and O at its end` : null);
  };
  const mark = (edge: "in" | "out", t: number) => {
    if (!label) return;
    if (edge === "in") {
      setIn(t);
      return setNotice(`In at ${matchTime(t)} for "${label}": press O at its end`);
    }
    if (inS === null) return setNotice(`Press I at the start of the "${label}" example first`);
    if (t <= inS) return setNotice("The out-point must be after the in-point");
    create(label, inS, t);
    setIn(null);
  };
  return { label, inS, choose, mark };
}

export type Marking = ReturnType<typeof useMarking>;
