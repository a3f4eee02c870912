"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ZVideoPatch } from "@/lib/schemas/videos";
import { PencilIcon } from "../ui/icons";
import { useRenameVideo } from "./use-videos";

export function EditableTitle({ id, title, editable }: { id: string; title: string; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const rename = useRenameVideo();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ZVideoPatch.safeParse({ title: draft });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Invalid title");
    if (parsed.data.title === title) return setEditing(false);
    rename.mutate(
      { id, ...parsed.data },
      { onSuccess: () => setEditing(false), onError: (err) => setError(err.message) },
    );
  };

  if (!editing) {
    return (
      <span className="title">
        <Link href={`/videos/${id}`} className="title__link">
          {title}
        </Link>
        {editable && (
          <button
            className="icon-button"
            aria-label={`Rename ${title}`}
            title="Rename"
            onClick={() => {
              setDraft(title);
              setError(null);
              setEditing(true);
            }}
          >
            <PencilIcon />
          </button>
        )}
      </span>
    );
  }

  return (
    <form className="title title--editing" onSubmit={save}>
      <input
        className="input"
        aria-label="Video title"
        value={draft}
        autoFocus
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
        disabled={rename.isPending}
      />
      <button className="button button--primary" type="submit" disabled={rename.isPending}>
        Save
      </button>
      <button className="button" type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
