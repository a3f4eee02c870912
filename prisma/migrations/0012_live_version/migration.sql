-- Issue #14: live segments record the model version that scored them (null: the installed model files),
-- as Analysis.modelVersionId does for file analyses. Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "LiveSegment" ADD COLUMN "modelVersionId" UUID;
ALTER TABLE "LiveSegment" ADD CONSTRAINT "LiveSegment_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
