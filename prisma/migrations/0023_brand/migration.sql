-- Issue #29: the instance brand (logo, corner, cards, lower-third), shoot-out kick tags and what the
-- stored reel carries. Mirrors prisma/schema.prisma; keep both in step.
CREATE TYPE "KickResult" AS ENUM ('scored', 'missed');
CREATE TYPE "BrandCorner" AS ENUM ('top_left', 'top_right', 'bottom_left', 'bottom_right');

ALTER TABLE "Highlight" ADD COLUMN "kick" "KickResult";
ALTER TABLE "Video" ADD COLUMN "reelBranded" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Video" ADD COLUMN "reelShootout" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "Brand" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT,
    "corner" "BrandCorner" NOT NULL DEFAULT 'top_right',
    "introCard" BOOLEAN NOT NULL DEFAULT true,
    "outroCard" BOOLEAN NOT NULL DEFAULT true,
    "lowerThird" BOOLEAN NOT NULL DEFAULT true,
    "logoKey" TEXT,
    "logoType" TEXT,
    "logoWidth" INTEGER,
    "logoHeight" INTEGER,
    "logoBytes" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,
    CONSTRAINT "Brand_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Brand_single_row" CHECK ("id" = 1)
);
