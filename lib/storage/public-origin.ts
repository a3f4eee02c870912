import { env } from "../env";

/** Origins a browser talks to directly for media and uploads (presigned S3 URLs), for the CSP. */
export function browserMediaOrigins(): string[] {
  const e = env();
  return [new URL(e.S3_PUBLIC_ENDPOINT ?? e.S3_ENDPOINT).origin];
}
