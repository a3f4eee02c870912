import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/current";

export const metadata = { title: "Sign in · Matchcut" };

export default async function LoginPage() {
  if (await currentUser()) redirect("/");
  return (
    <main className="login">
      <p className="brand brand--large">Matchcut</p>
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
