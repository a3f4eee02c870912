import Link from "next/link";
import { canAdmin, canEdit, type TRole } from "@/lib/auth/roles";
import { SignOutButton } from "../auth/sign-out-button";
import { HeaderMenu } from "./header-menu";
import { NavLink } from "./nav-link";

export function AppHeader({ user }: { user: { name: string; role: TRole } }) {
  return (
    <header className="header">
      <Link href="/" className="brand">
        Matchcut
      </Link>
      <HeaderMenu>
        <nav aria-label="Main" className="nav">
          <NavLink href="/">Library</NavLink>
          <NavLink href="/live">Live</NavLink>
          {canEdit(user.role) && <NavLink href="/trash">Trash</NavLink>}
          {canAdmin(user.role) && <NavLink href="/admin/users">Users</NavLink>}
          {canAdmin(user.role) && <NavLink href="/admin/queues">Queues</NavLink>}
          {canAdmin(user.role) && <NavLink href="/admin/brand">Brand</NavLink>}
          {canEdit(user.role) && <NavLink href="/admin/models">Models</NavLink>}
        </nav>
        <div className="header__user">
          <span data-testid="current-user">
            {user.name} <span className={`chip chip--role-${user.role}`}>{user.role}</span>
          </span>
          <SignOutButton />
        </div>
      </HeaderMenu>
    </header>
  );
}
