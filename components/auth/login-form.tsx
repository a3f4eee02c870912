"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ZLogin } from "@/lib/schemas/auth";
import { apiFetch } from "../api";

export function LoginForm() {
  const router = useRouter();
  const next = useSafeNext();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = ZLogin.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the form");
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/auth/login", { body: parsed.data });
      router.replace(next);
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Sign-in failed");
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Sign in" noValidate>
      <h1>Sign in to Matchcut</h1>
      <label className="field">
        <span>Email</span>
        <input className="input" name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>Password</span>
        <input className="input" name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <button className="button button--primary" type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

/** Only same-site paths: `?next=https://evil.example` must not turn sign-in into an open redirect. */
function useSafeNext(): string {
  const next = useSearchParams().get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
