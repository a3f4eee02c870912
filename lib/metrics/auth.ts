import { createHash, timingSafeEqual } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Whether an Authorization header carries the metrics token. Hashes both sides first so the comparison
 * is constant-time whatever the lengths.
 */
export function bearerMatches(header: string | null, token: string | undefined): boolean {
  if (!token || !header) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return !!m && timingSafeEqual(digest(m[1]!), digest(token));
}
