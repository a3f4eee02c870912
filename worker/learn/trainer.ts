import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { guarded } from "../ffmpeg/child-guard";

export interface TrainResult {
  seconds: number;
  losses: number[];
  windows: { positive: number; background: number };
  baseCache: boolean;
  sha256: string;
}

const PYTHON_HINT =
  "Retraining runs the PyTorch trainer: it needs Python 3 with torch and onnx at TRAIN_PYTHON (Debian: apt-get install python3-torch python3-onnx)";

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
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        const m = /^progress ([0-9.]+)/.exec(line);
        if (m) o.onProgress?.(Number(m[1]));
        else if (line.trim() && !/Warning|warnings\.warn|_C\._jit|^\s/.test(line)) tail.push(line.trim());
        if (tail.length > 8) tail.shift();
      }
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (err) => reject(new Error(`${PYTHON_HINT} (${err.message})`)));
    child.on("close", (code) => {
      if (code !== 0) {
        const out = tail.join("\n");
        const missing = /No module named|not found|No such file/.test(out);
        return reject(
          new Error(missing ? `${PYTHON_HINT}:\n${out}` : `the trainer exited with ${code}:\n${out}`),
        );
      }
      readFile(path.join(o.outDir, "result.json"), "utf8")
        .then((t) => resolve(JSON.parse(t) as TrainResult))
        .catch(reject);
    });
  });
}
