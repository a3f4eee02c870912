import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharedPlayer } from "@/components/player/shared-player";
import { sharedMedia } from "@/lib/shares/service";

// A share link's page (issue #24): signed out, read-only, one player. It shows the shared thing's name
// and its match's title, nothing else of the app; proxy.ts gives it the same CSP and headers as every
// page. Unknown, revoked and expired links are the same 404.
export const metadata: Metadata = {
  title: "Shared highlight · Matchcut",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await sharedMedia(token);
  if (!shared) notFound();
  return (
    <main className="main share stack" data-testid="share-page">
      <p className="brand">Matchcut</p>
      <div>
        <h1>{shared.what}</h1>
        <p className="muted">{shared.videoTitle}</p>
      </div>
      <SharedPlayer src={`/api/share/${token}/media`} label={`Play ${shared.what}`} />
    </main>
  );
}
