-- Issue #16: an analysis knows how many frame slots it expected and how many it decoded, and where the
-- gaps are (JSON, lib/analysis/coverage.ts); the video carries the warning the editor sees.
-- Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "Analysis" ADD COLUMN "coverage" JSONB;
ALTER TABLE "Video" ADD COLUMN "warning" TEXT;
