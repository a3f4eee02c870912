-- Live mode (issue #7). Mirrors the Live* models in prisma/schema.prisma; keep both in step (see README).
CREATE TYPE "LiveStatus" AS ENUM ('starting', 'following', 'stalled', 'ended', 'stopped', 'failed');
CREATE TYPE "LiveSegmentStatus" AS ENUM ('recorded', 'gap');
CREATE TYPE "LiveClipStatus" AS ENUM ('pending', 'ready', 'failed');

CREATE TABLE "LiveSource" (
    "id" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "playlistUrl" TEXT,
    "variant" TEXT,
    "modelId" TEXT,
    "status" "LiveStatus" NOT NULL DEFAULT 'starting',
    "error" TEXT,
    "stopRequested" BOOLEAN NOT NULL DEFAULT false,
    "targetDurationS" DOUBLE PRECISION,
    "epoch" INTEGER NOT NULL DEFAULT 0,
    "lastSeq" BIGINT,
    "lastUri" TEXT,
    "nextFrame" INTEGER NOT NULL DEFAULT 0,
    "streamTimeS" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "tail" BYTEA,
    "tailFrames" INTEGER NOT NULL DEFAULT 0,
    "tick" INTEGER NOT NULL DEFAULT 0,
    "playlistErrors" INTEGER NOT NULL DEFAULT 0,
    "lastNewAt" TIMESTAMP(3),
    "lastMissAt" TIMESTAMP(3),
    "params" JSONB,
    "videoId" UUID,
    "recordingError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "LiveSource_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "LiveSource_videoId_key" ON "LiveSource"("videoId");
CREATE INDEX "LiveSource_createdAt_idx" ON "LiveSource"("createdAt");

CREATE TABLE "LiveSegment" (
    "liveSourceId" UUID NOT NULL,
    "epoch" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "status" "LiveSegmentStatus" NOT NULL,
    "uri" TEXT NOT NULL,
    "startS" DOUBLE PRECISION NOT NULL,
    "durationS" DOUBLE PRECISION NOT NULL,
    "discontinuity" BOOLEAN NOT NULL DEFAULT false,
    "firstFrame" INTEGER NOT NULL,
    "frameCount" INTEGER NOT NULL,
    "key" TEXT,
    "error" TEXT,
    "scores" JSONB,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "storedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LiveSegment_pkey" PRIMARY KEY ("liveSourceId","epoch","seq")
);
CREATE INDEX "LiveSegment_liveSourceId_startS_idx" ON "LiveSegment"("liveSourceId", "startS");

CREATE TABLE "LiveHighlight" (
    "id" UUID NOT NULL,
    "liveSourceId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "startS" DOUBLE PRECISION NOT NULL,
    "endS" DOUBLE PRECISION NOT NULL,
    "peak" DOUBLE PRECISION NOT NULL,
    "mean" DOUBLE PRECISION NOT NULL,
    "clipStatus" "LiveClipStatus" NOT NULL DEFAULT 'pending',
    "clipKey" TEXT,
    "clipError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LiveHighlight_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "LiveHighlight_liveSourceId_label_startS_key" ON "LiveHighlight"("liveSourceId", "label", "startS");

ALTER TABLE "LiveSource" ADD CONSTRAINT "LiveSource_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LiveSource" ADD CONSTRAINT "LiveSource_videoId_fkey" FOREIGN KEY ("videoId") REFERENCES "Video"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "LiveSegment" ADD CONSTRAINT "LiveSegment_liveSourceId_fkey" FOREIGN KEY ("liveSourceId") REFERENCES "LiveSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LiveHighlight" ADD CONSTRAINT "LiveHighlight_liveSourceId_fkey" FOREIGN KEY ("liveSourceId") REFERENCES "LiveSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
