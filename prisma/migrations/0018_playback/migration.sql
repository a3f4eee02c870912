-- Issue #25: one decode feeds everything, a proxy only where needed. At probe the worker decides whether
-- the browser plays the source itself ("source") or needs a proxy ("proxy"), and says why; a proxy is
-- encoded in pieces (proxyPieces in all, proxyPiecesDone made so far). Mirrors prisma/schema.prisma.
ALTER TABLE "Video" ADD COLUMN "playback" TEXT;
ALTER TABLE "Video" ADD COLUMN "playbackReason" TEXT;
ALTER TABLE "Video" ADD COLUMN "proxyPieces" INTEGER;
ALTER TABLE "Video" ADD COLUMN "proxyPiecesDone" INTEGER NOT NULL DEFAULT 0;
