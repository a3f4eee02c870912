-- Issue #24: highlight names and notes (carried into the exports), and expiring, revocable share links
-- for a reel or a clip. Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "Highlight" ADD COLUMN "name" TEXT,
ADD COLUMN "note" TEXT;

CREATE TYPE "ShareKind" AS ENUM ('reel', 'clip');

CREATE TABLE "ShareLink" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "kind" "ShareKind" NOT NULL,
    "videoId" UUID NOT NULL,
    "highlightId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id"),
    -- a clip link names its highlight, a reel link none
    CONSTRAINT "ShareLink_kind_check" CHECK (("kind" = 'clip') = ("highlightId" IS NOT NULL))
);
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");
CREATE INDEX "ShareLink_expiresAt_idx" ON "ShareLink"("expiresAt");
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_videoId_fkey" FOREIGN KEY ("videoId") REFERENCES "Video"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_highlightId_fkey" FOREIGN KEY ("highlightId") REFERENCES "Highlight"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
