-- Issue #29 branded single clips: a clip variant is (aspect, branded); a branded one records the brand
-- revision it was made with, and the brand counts its changes. A share link serves a branded variant
-- or not. Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "AspectClip" ADD COLUMN "branded" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "AspectClip" ADD COLUMN "brandRevision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AspectClip" DROP CONSTRAINT "AspectClip_pkey";
ALTER TABLE "AspectClip" ADD CONSTRAINT "AspectClip_pkey" PRIMARY KEY ("highlightId", "aspect", "branded");

ALTER TABLE "Brand" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "ShareLink" ADD COLUMN "branded" BOOLEAN NOT NULL DEFAULT false;
