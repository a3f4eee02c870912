import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageUser } from "@/lib/auth/current";

// Every page in this group needs a signed-in user; /login lives outside it.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <AppHeader user={user} />
      <main className="main">{children}</main>
    </>
  );
}
