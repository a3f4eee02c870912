import { MAX_PARTS } from "../schemas/uploads";

const MIB = 1024 ** 2;

/**
 * The configured part size, doubled until the file fits in S3's 10,000-part limit. Kept a whole number of
 * MiB so every part but the last is the same size, which the browser and the resume check rely on.
 */
export function choosePartSize(fileSize: number, preferred: number): number {
  let partSize = Math.max(5 * MIB, Math.ceil(preferred / MIB) * MIB);
  while (Math.ceil(fileSize / partSize) > MAX_PARTS) partSize *= 2;
  return partSize;
}

export function partCount(fileSize: number, partSize: number): number {
  return Math.max(1, Math.ceil(fileSize / partSize));
}

/** Expected byte length of `partNumber` (1-based); S3 lets only the last part be short. */
export function expectedPartSize(fileSize: number, partSize: number, partNumber: number): number {
  const start = (partNumber - 1) * partSize;
  return Math.max(0, Math.min(partSize, fileSize - start));
}
