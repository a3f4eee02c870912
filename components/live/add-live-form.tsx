"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ZLiveCreate } from "@/lib/schemas/live";
import { useAddLiveSource } from "./use-live";

export function AddLiveForm() {
  const add = useAddLiveSource();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = ZLiveCreate.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join("; "));
    setError(null);
    add.mutate(parsed.data, {
      onSuccess: (s) => router.push(`/live/${s.id}`),
      onError: (err) => setError(err.message),
    });
  };

  return (
    <form className="card form form--grid live-add" onSubmit={submit} aria-label="Add live source" noValidate>
      <h2>Add live source</h2>
      <label className="field">
        <span>Title</span>
        <input className="input" name="title" autoComplete="off" placeholder="Home v Away" required />
      </label>
      <label className="field">
        <span>HLS playlist URL (.m3u8)</span>
        <input
          className="input"
          name="url"
          type="url"
          autoComplete="off"
          placeholder="https://…/index.m3u8"
          required
        />
      </label>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div>
        <button className="button button--primary" type="submit" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Start following"}
        </button>
      </div>
    </form>
  );
}
