import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "../components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Matchcut",
  description: "Find the highlights in match video",
  // app/icon.svg is linked by Next itself; /favicon.ico (public/) serves browsers that ask for it anyway.
  icons: { apple: "/apple-touch-icon.png" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
