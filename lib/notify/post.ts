import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { assertFetchableUrl, guardedLookup, type GuardOptions } from "../security/ssrf";

// One POST to a webhook receiver through the address guard (lib/security/ssrf.ts): checked before the
// request and again in the socket's own DNS lookup, so a name that resolves somewhere else at connect
// time (rebinding) is refused too. fetch() has no lookup hook; node:http does. Redirects are not
// followed: they would re-send the body somewhere the admin did not register.

export interface Posted {
  status: number;
}

export async function guardedPost(
  url: string,
  o: { headers: Record<string, string>; body: string; signal: AbortSignal; guard: GuardOptions },
): Promise<Posted> {
  await assertFetchableUrl(url, o.guard);
  return new Promise((resolve, reject) => {
    const request = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = request(
      url,
      {
        method: "POST",
        signal: o.signal,
        lookup: guardedLookup(o.guard),
        headers: { ...o.headers, "Content-Length": String(Buffer.byteLength(o.body)) },
      },
      (res) => {
        // The receiver's answer body is not read: only its status counts.
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(o.body);
  });
}
