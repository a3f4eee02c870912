-- Issue #27: the outbox also holds flows (analyze's chunks and their finaliser), so no job enqueues
-- anything itself. Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "OutboxJob" ADD COLUMN "children" JSONB;
