"use client";

import { formatDate } from "../format";
import { useRestore, useTrash } from "./use-trash";

/** Deleted videos the user may restore (their own; an admin's: everyone's) until they are purged. */
export function TrashList() {
  const trash = useTrash();
  const restore = useRestore();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Trash</h1>
      </div>
      <p>Deleted videos stay here for 30 days, then they and their clips are removed for good.</p>
      {(trash.isError || restore.isError) && (
        <p className="error-text" role="alert">
          {(trash.error ?? restore.error)?.message}
        </p>
      )}
      {trash.data?.length === 0 && <p className="empty">The trash is empty.</p>}
      {trash.data && trash.data.length > 0 && (
        <table className="table table--cards" aria-label="Trash">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Owner</th>
              <th scope="col">Deleted</th>
              <th scope="col">Removed for good</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {trash.data.map((v) => (
              <tr key={v.id} data-testid="trash-row">
                <td data-label="Title">{v.title}</td>
                <td data-label="Owner">{v.owner.name}</td>
                <td data-label="Deleted">
                  {formatDate(v.deletedAt)}
                  {v.deletedBy ? ` by ${v.deletedBy.name}` : ""}
                </td>
                <td data-label="Removed for good">{formatDate(v.purgeAt)}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={restore.isPending}
                    onClick={() => restore.mutate(v.id)}
                    aria-label={`Restore ${v.title}`}
                  >
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
