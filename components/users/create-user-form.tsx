"use client";

import { useState, type FormEvent } from "react";
import { ZCreateUser } from "@/lib/schemas/auth";
import { useCreateUser } from "./use-users";

export function CreateUserForm() {
  const create = useCreateUser();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const parsed = ZCreateUser.safeParse(Object.fromEntries(form));
    setCreated(null);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join("; "));
    setError(null);
    create.mutate(parsed.data, {
      onSuccess: (u) => {
        formEl.reset();
        setCreated(`Created ${u.email} (${u.role})`);
      },
      onError: (err) => setError(err.message),
    });
  };

  return (
    <form className="card form form--grid" onSubmit={submit} aria-label="Create user" noValidate>
      <h2>Add a user</h2>
      <label className="field">
        <span>Email</span>
        <input className="input" name="email" type="email" autoComplete="off" required />
      </label>
      <label className="field">
        <span>Name</span>
        <input className="input" name="name" autoComplete="off" required />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          className="input"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
        />
      </label>
      <label className="field">
        <span>Role</span>
        <select className="input" name="role" defaultValue="viewer">
          <option value="viewer">viewer</option>
          <option value="editor">editor</option>
          <option value="admin">admin</option>
        </select>
      </label>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {created && (
        <p className="ok-text" role="status">
          {created}
        </p>
      )}
      <button className="button button--primary" type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create user"}
      </button>
    </form>
  );
}
