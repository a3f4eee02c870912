import { createHash, randomBytes } from "node:crypto";

// 256 bits from the CSPRNG: not guessable, so no rate limit is needed on /s/<token>. Only the sha256
// is stored (like session ids, lib/auth/session.ts): a database leak does not hand out live links.
export const newShareToken = () => randomBytes(32).toString("base64url");

export const hashShareToken = (token: string) => createHash("sha256").update(token).digest("hex");
