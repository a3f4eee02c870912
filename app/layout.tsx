import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";
import "./phone.css";
import "./links.css";
import "./brand.css";

export const metadata: Metadata = {
  title: "Matchcut",
  description: "Find the highlights in match video",
  // app/icon.svg is linked by Next itself; /favicon.ico (public/) serves browsers that ask for it anyway.
  icons: { apple: "/apple-touch-icon.png" },
};

// Every page renders per request: the CSP nonce (proxy.ts) is only applied to dynamically rendered HTML.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
