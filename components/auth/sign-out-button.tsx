"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "../api";

export function SignOutButton() {
  const qc = useQueryClient();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      className="button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        // Signed out either way: a 401 here means the session had already ended.
        await apiFetch("/api/auth/logout", { method: "POST" }).catch(() => undefined);
        qc.clear();
        router.replace("/login");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
