import { useState } from "react";

const withoutQuery = (url: string | null) => url?.split("?")[0] ?? null;

/**
 * Presigned URLs differ on every poll (new signature, same object). Keeping the first one while the object
 * path is unchanged lets the browser cache the image instead of refetching it every 1.5 s. `refresh`
 * swaps in the latest URL, for when the kept one has expired.
 */
export function useStableUrl(url: string | null): { url: string | null; refresh: () => void } {
  const [kept, setKept] = useState(url);
  const same = withoutQuery(kept) === withoutQuery(url);
  if (!same) setKept(url);
  return { url: same ? kept : url, refresh: () => setKept(url) };
}
