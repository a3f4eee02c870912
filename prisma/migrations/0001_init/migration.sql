-- Matchcut initial schema. Mirrors prisma/schema.prisma; keep both in step (see README).
CREATE TYPE "Role" AS ENUM ('admin', 'editor', 'viewer');
CREATE TYPE "UploadStatus" AS ENUM ('active', 'completed', 'aborted');
CREATE TYPE "VideoStatus" AS ENUM ('queued', 'processing', 'ready', 'failed');
CREATE TYPE "AnalysisStatus" AS ENUM ('queued', 'running', 'complete', 'failed');
CREATE TYPE "HighlightStatus" AS ENUM ('suggested', 'accepted', 'rejected', 'edited');

CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

CREATE TABLE "Upload" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "partSize" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "s3UploadId" TEXT NOT NULL,
    "status" "UploadStatus" NOT NULL DEFAULT 'active',
    "videoId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Upload_key_key" ON "Upload"("key");
CREATE UNIQUE INDEX "Upload_videoId_key" ON "Upload"("videoId");
CREATE INDEX "Upload_userId_fingerprint_status_idx" ON "Upload"("userId", "fingerprint", "status");

CREATE TABLE "UploadPart" (
    "uploadId" UUID NOT NULL,
    "partNumber" INTEGER NOT NULL,
    "etag" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    CONSTRAINT "UploadPart_pkey" PRIMARY KEY ("uploadId","partNumber")
);

CREATE TABLE "Video" (
    "id" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "status" "VideoStatus" NOT NULL DEFAULT 'queued',
    "stage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "etaSeconds" INTEGER,
    "error" TEXT,
    "durationS" DOUBLE PRECISION,
    "fps" DOUBLE PRECISION,
    "width" INTEGER,
    "height" INTEGER,
    "rotation" INTEGER,
    "videoCodec" TEXT,
    "audioCodec" TEXT,
    "hasAudio" BOOLEAN,
    "bitrate" INTEGER,
    "posterKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Video_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Video_sourceKey_key" ON "Video"("sourceKey");
CREATE INDEX "Video_createdAt_idx" ON "Video"("createdAt");

CREATE TABLE "Analysis" (
    "id" UUID NOT NULL,
    "videoId" UUID NOT NULL,
    "modelId" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,
    "status" "AnalysisStatus" NOT NULL DEFAULT 'queued',
    "current" BOOLEAN NOT NULL DEFAULT false,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "provider" TEXT,
    "featuresKey" TEXT,
    "scoresKey" TEXT,
    "shotsKey" TEXT,
    "params" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    CONSTRAINT "Analysis_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Analysis_videoId_current_idx" ON "Analysis"("videoId", "current");

CREATE TABLE "Highlight" (
    "id" UUID NOT NULL,
    "videoId" UUID NOT NULL,
    "analysisId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "startS" DOUBLE PRECISION NOT NULL,
    "endS" DOUBLE PRECISION NOT NULL,
    "peak" DOUBLE PRECISION NOT NULL,
    "mean" DOUBLE PRECISION NOT NULL,
    "status" "HighlightStatus" NOT NULL DEFAULT 'suggested',
    "clipKey" TEXT,
    "posterKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Highlight_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Highlight_videoId_startS_idx" ON "Highlight"("videoId", "startS");

ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "UploadPart" ADD CONSTRAINT "UploadPart_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Video" ADD CONSTRAINT "Video_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Analysis" ADD CONSTRAINT "Analysis_videoId_fkey" FOREIGN KEY ("videoId") REFERENCES "Video"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Highlight" ADD CONSTRAINT "Highlight_videoId_fkey" FOREIGN KEY ("videoId") REFERENCES "Video"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Highlight" ADD CONSTRAINT "Highlight_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "Analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;
