"use client";

import { formatDate } from "../format";
import { CreateUserForm } from "./create-user-form";
import { useUsers } from "./use-users";

export function UsersAdmin() {
  const users = useUsers();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Users</h1>
      </div>
      <CreateUserForm />
      {users.isError && (
        <p className="error-text" role="alert">
          {users.error.message}
        </p>
      )}
      {users.data && (
        <table className="table table--cards" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td data-label="Name">{u.name}</td>
                <td data-label="Email">{u.email}</td>
                <td data-label="Role">
                  <span className={`chip chip--role-${u.role}`}>{u.role}</span>
                </td>
                <td data-label="Added">{formatDate(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
