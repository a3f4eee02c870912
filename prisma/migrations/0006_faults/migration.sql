-- Issue #16 (faults): the transactional outbox, and analysis progress kept per chunk.
-- Mirrors prisma/schema.prisma; keep both in step.

-- A job that a committed state change needs. Written in the same transaction as the change; a dispatcher
-- (lib/pipeline/outbox.ts) hands it to BullMQ and deletes the row once Redis has accepted it.
CREATE TABLE "OutboxJob" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxJob_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "OutboxJob_createdAt_idx" ON "OutboxJob"("createdAt");

-- { "<chunk index>": fraction done }: a retried chunk overwrites its own entry instead of adding again.
ALTER TABLE "Analysis" ADD COLUMN "chunkProgress" JSONB;
