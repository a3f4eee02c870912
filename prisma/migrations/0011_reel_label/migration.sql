-- Issue #14 item 4: a reel of one label. The label the stored reel was built from (NULL = every label).
-- Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "Video" ADD COLUMN "reelLabel" TEXT;
