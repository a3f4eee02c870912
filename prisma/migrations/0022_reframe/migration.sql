-- Issue #29 vertical reframe: the automatic crop path found when the clip is cut (centre per source
-- frame), the editor's keyframes and lock, a revision bumped by every crop edit, the crop renders per
-- aspect, and the aspect a share link serves. Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "Highlight" ADD COLUMN "cropAuto" JSONB;
ALTER TABLE "Highlight" ADD COLUMN "cropKeys" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "Highlight" ADD COLUMN "cropLocked" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Highlight" ADD COLUMN "cropRevision" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "AspectClip" (
    "highlightId" UUID NOT NULL,
    "aspect" TEXT NOT NULL,
    "status" "ClipStatus" NOT NULL DEFAULT 'none',
    "key" TEXT,
    "revision" INTEGER NOT NULL,
    "cropRevision" INTEGER NOT NULL,
    "error" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AspectClip_pkey" PRIMARY KEY ("highlightId", "aspect")
);
ALTER TABLE "AspectClip" ADD CONSTRAINT "AspectClip_highlightId_fkey" FOREIGN KEY ("highlightId") REFERENCES "Highlight"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ShareLink" ADD COLUMN "aspect" TEXT NOT NULL DEFAULT '16:9';
