"use client";

import { useEffect, useRef } from "react";
import { commandFor, type Command } from "./keymap";

/**
 * One window keydown listener for the review room's shortcuts. `run` is read through a ref, so the
 * listener is added once and still sees the latest state.
 */
export function useReviewKeys(run: (c: Command) => void) {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector("dialog[open]")) return;
      // Field by field: a KeyboardEvent's modifiers are prototype getters that a spread would drop.
      const c = commandFor({
        key: e.key,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: e.target as HTMLElement | null,
      });
      if (!c) return;
      // Space on a focused button would press it too; arrows would scroll.
      e.preventDefault();
      runRef.current(c);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
