"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const path = usePathname();
  const active = href === "/" ? path === "/" || path.startsWith("/videos") : path.startsWith(href);
  return (
    <Link href={href} className="nav__link" aria-current={active ? "page" : undefined}>
      {children}
    </Link>
  );
}
