import { describe, expect, it } from "vitest";
import { describeTrainerExit, trainerSpawnError } from "./trainer-failure";

const py = "/usr/bin/python3";

describe("what a trainer exit means (issue #24: plain words, the traceback folded away)", () => {
  it("a missing module names the module and the Debian package, and keeps the traceback as the detail", () => {
    const tail = ["Traceback (most recent call last):", "ModuleNotFoundError: No module named 'numpy'"];
    const e = describeTrainerExit({ python: py, code: 1, signal: null, tail });
    expect(e.message).toBe(
      "Retraining is off: the worker cannot run the trainer because its Python (/usr/bin/python3) lacks numpy. Install them (sudo apt-get install python3-numpy; `npm run up` does this when it may use apt), then restart the worker.",
    );
    expect(e.detail).toBe(tail.join("\n"));
  });

  it("a kill, a signal, a program that cannot run and a plain error each say what happened", () => {
    expect(describeTrainerExit({ python: py, code: null, signal: "SIGKILL", tail: [] }).message).toMatch(
      /^The trainer was killed \(SIGKILL\).*out of memory/,
    );
    expect(describeTrainerExit({ python: py, code: null, signal: "SIGTERM", tail: [] }).message).toMatch(
      /^The trainer was stopped by SIGTERM/,
    );
    expect(describeTrainerExit({ python: "/nope", code: 127, signal: null, tail: [] }).message).toMatch(
      /^Retraining is off: TRAIN_PYTHON \(\/nope\) cannot be run/,
    );
    const other = describeTrainerExit({ python: py, code: 2, signal: null, tail: ["RuntimeError: shapes"] });
    expect(other.message).toBe(
      "The trainer stopped with an error (exit code 2). The detail below is its last output.",
    );
    expect(other.detail).toBe("RuntimeError: shapes");
  });

  it("a spawn that fails says whether the program is missing or the run was stopped", () => {
    const enoent = Object.assign(new Error("spawn nice ENOENT"), { code: "ENOENT" });
    expect(trainerSpawnError(py, enoent).message).toMatch(
      /^Retraining is off: there is no program at TRAIN_PYTHON/,
    );
    const abort = Object.assign(new Error("The operation was aborted"), { name: "AbortError" });
    expect(trainerSpawnError(py, abort).message).toMatch(/^Training was stopped: it ran past its time limit/);
  });
});
