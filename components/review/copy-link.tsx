"use client";

import { useEffect, useState } from "react";

/**
 * Copies a link. Where the clipboard is not available (a plain-http LAN address is not a secure
 * context), the link is shown selected in a field instead, to copy by hand.
 */
export function CopyLink({ label, href }: { label: string; href: () => string }) {
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);
  useEffect(() => {
    if (!shown?.copied) return;
    const t = window.setTimeout(() => setShown(null), 4000);
    return () => window.clearTimeout(t);
  }, [shown]);
  const copy = async () => {
    const url = href();
    try {
      await navigator.clipboard.writeText(url);
      setShown({ url, copied: true });
    } catch {
      setShown({ url, copied: false });
    }
  };
  return (
    <span className="copy-link">
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      {shown?.copied ? (
        <span role="status" className="muted" data-testid="link-copied">
          Link copied
        </span>
      ) : null}
      {shown && !shown.copied ? (
        <input
          className="input"
          readOnly
          aria-label="Link to copy"
          value={shown.url}
          ref={(el) => el?.select()}
        />
      ) : null}
    </span>
  );
}
