-- Issue #15: deletes go to a trash (restorable for 30 days, then purged by a job) and an audit log of
-- who deleted, restored, purged and changed roles. Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "Video" ADD COLUMN "deletedAt" TIMESTAMP(3),
ADD COLUMN "deletedById" UUID;
ALTER TABLE "Video" ADD CONSTRAINT "Video_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Video_deletedAt_idx" ON "Video"("deletedAt");

CREATE TYPE "AuditAction" AS ENUM ('video_delete', 'video_restore', 'video_purge', 'role_change');

CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "action" "AuditAction" NOT NULL,
    "targetId" UUID NOT NULL,
    "detail" JSONB,
    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "AuditLog_targetId_idx" ON "AuditLog"("targetId");
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");
