-- Issue #14 item 4: labels editors add in the review room (new classes taught from marked examples).
-- Mirrors prisma/schema.prisma; keep both in step.
CREATE TABLE "TaughtLabel" (
    "name" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaughtLabel_pkey" PRIMARY KEY ("name")
);
ALTER TABLE "TaughtLabel" ADD CONSTRAINT "TaughtLabel_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
