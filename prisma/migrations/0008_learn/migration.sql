-- Issue #14: the review room teaches the model. Editors' decisions become labelled intervals, a video
-- can be marked "review complete", and retrained heads are stored as model versions (one active).
-- Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "Video" ADD COLUMN "reviewCompleteAt" TIMESTAMP(3);

CREATE TYPE "LabelKind" AS ENUM ('positive', 'negative');
CREATE TYPE "LabelOrigin" AS ENUM ('accept', 'reject', 'trim', 'added', 'import');

CREATE TABLE "TrainingLabel" (
    "id" UUID NOT NULL,
    "videoId" UUID NOT NULL,
    "analysisId" UUID,
    "highlightId" UUID,
    "label" TEXT NOT NULL,
    "kind" "LabelKind" NOT NULL,
    "origin" "LabelOrigin" NOT NULL,
    "startS" DOUBLE PRECISION NOT NULL,
    "endS" DOUBLE PRECISION NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "TrainingLabel_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "TrainingLabel" ADD CONSTRAINT "TrainingLabel_videoId_fkey" FOREIGN KEY ("videoId") REFERENCES "Video"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TrainingLabel" ADD CONSTRAINT "TrainingLabel_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "TrainingLabel" ADD CONSTRAINT "TrainingLabel_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX "TrainingLabel_highlightId_key" ON "TrainingLabel"("highlightId");
CREATE INDEX "TrainingLabel_videoId_startS_idx" ON "TrainingLabel"("videoId", "startS");

CREATE TYPE "ModelVersionStatus" AS ENUM ('queued', 'training', 'ready', 'refused', 'failed');

CREATE TABLE "ModelVersion" (
    "id" UUID NOT NULL,
    "modelId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "parentVersion" TEXT NOT NULL,
    "status" "ModelVersionStatus" NOT NULL DEFAULT 'queued',
    "active" BOOLEAN NOT NULL DEFAULT false,
    "stage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "verdict" TEXT,
    "headKey" TEXT,
    "headSha256" TEXT,
    "manifest" JSONB,
    "metrics" JSONB,
    "fingerprint" TEXT,
    "examples" JSONB,
    "trainSeconds" DOUBLE PRECISION,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "activatedAt" TIMESTAMP(3),
    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX "ModelVersion_modelId_version_key" ON "ModelVersion"("modelId", "version");
-- at most one active version per model: the database refuses a second
CREATE UNIQUE INDEX "ModelVersion_one_active" ON "ModelVersion"("modelId") WHERE "active";
CREATE INDEX "ModelVersion_createdAt_idx" ON "ModelVersion"("createdAt");

ALTER TABLE "Analysis" ADD COLUMN "modelVersionId" UUID;
ALTER TABLE "Analysis" ADD CONSTRAINT "Analysis_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
