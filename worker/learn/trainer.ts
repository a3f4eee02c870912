import { execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/platform/env";
import { TRAINER_MODULES } from "@/lib/learn/trainer-status";
import { guarded } from "../ffmpeg/child-guard";
import { describeTrainerExit, trainerSpawnError } from "./trainer-failure";

export interface TrainResult {
  seconds: number;
  losses: number[];
  windows: { positive: number; background: number };
  baseCache: boolean;
  sha256: string;
}

/**
 * Runs `train.py --windows` as a child process at TRAIN_NICE (19), so analysis jobs on the same machine
 * keep the CPU (the trainer uses one thread). `progress <0..1>` lines drive onProgress; the last lines of
 * its output are the error when it fails.
 */
export function runTrainer(o: {
  windowsDir: string;
  initDir: string;
  outDir: string;
  baseCache?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}): Promise<TrainResult> {
  const args = [
    "-n",
    String(env().TRAIN_NICE),
    env().TRAIN_PYTHON,
    "-u",
    "-B",
    path.resolve("models/tools/train.py"),
  ];
  args.push("--windows", o.windowsDir, "--init", o.initDir, "--out", o.outDir);
  if (o.baseCache) args.push("--base-cache", o.baseCache);
  return new Promise((resolve, reject) => {
    // Guarded: a killed worker takes its training child with it (worker/ffmpeg/child-guard.ts).
    const [cmd, guardedArgs] = guarded("nice", args);
    const child = spawn(cmd, guardedArgs, { stdio: ["ignore", "pipe", "pipe"], signal: o.signal });
    const tail: string[] = [];
    const line = (l: string) => {
      const m = /^progress ([0-9.]+)/.exec(l);
      if (m) o.onProgress?.(Number(m[1]));
      else if (l.trim() && !/Warning|warnings\.warn|_C\._jit|^\s/.test(l)) tail.push(l.trim());
      if (tail.length > 8) tail.shift();
    };
    // A pipe hands over chunks, not lines: keep each stream's unfinished last line for its next chunk
    // (a traceback's last line came in two pieces, and its error was not recognised).
    const lines = () => {
      let rest = "";
      return {
        data: (chunk: Buffer) => {
          const parts = (rest + chunk.toString("utf8")).split("\n");
          rest = parts.pop() ?? "";
          parts.forEach(line);
        },
        end: () => line(rest),
      };
    };
    const out = lines();
    const errLines = lines();
    child.stdout.on("data", out.data).on("end", out.end);
    child.stderr.on("data", errLines.data).on("end", errLines.end);
    const python = env().TRAIN_PYTHON;
    child.on("error", (err) => reject(trainerSpawnError(python, err)));
    child.on("close", (code, signal) => {
      if (o.signal?.aborted) return; // the "error" event (AbortError) has said why
      if (code !== 0) return reject(describeTrainerExit({ python, code, signal, tail }));
      readFile(path.join(o.outDir, "result.json"), "utf8")
        .then((t) => resolve(JSON.parse(t) as TrainResult))
        .catch(reject);
    });
  });
}

/**
 * Which of the trainer's modules TRAIN_PYTHON cannot import (all of them when there is no such program).
 * Imports them for real: a module that is there but broken counts as missing.
 */
export function missingTrainerModules(python = env().TRAIN_PYTHON): Promise<string[]> {
  const probe =
    "import importlib, json, sys\nmissing = []\nfor m in sys.argv[1:]:\n    try:\n        importlib.import_module(m)\n    except Exception:\n        missing.append(m)\nprint(json.dumps(missing))";
  return new Promise((resolve) => {
    execFile(python, ["-c", probe, ...TRAINER_MODULES], { timeout: 120_000 }, (err, stdout) => {
      if (err) return resolve([...TRAINER_MODULES]);
      try {
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as string[]);
      } catch {
        resolve([...TRAINER_MODULES]);
      }
    });
  });
}
