import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";

// Where a model's files may live, in lookup order. A missing file names every place it looked.
export function candidatePaths(file: string, dirs: readonly string[]): string[] {
  if (path.isAbsolute(file)) return [file];
  return dirs.map((d) => path.resolve(d, file));
}

export function resolveFile(file: string, dirs: readonly string[]): string {
  const tried = candidatePaths(file, dirs);
  const found = tried.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`Model file "${file}" not found; looked in:\n${tried.map((p) => `  ${p}`).join("\n")}`);
  }
  return found;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

// Hashing the 14 MB backbone costs ~50 ms; do it once per process per path.
const verified = new Map<string, Promise<void>>();

export function verifySha256(file: string, expected: string): Promise<void> {
  const key = `${file}:${expected}`;
  let check = verified.get(key);
  if (!check) {
    check = sha256File(file).then((actual) => {
      if (actual !== expected) {
        throw new Error(`Model file ${file} has sha256 ${actual}, the manifest expects ${expected}`);
      }
    });
    // A failed check is not cached: the file may be fixed without restarting the worker.
    check.catch(() => verified.delete(key));
    verified.set(key, check);
  }
  return check;
}
