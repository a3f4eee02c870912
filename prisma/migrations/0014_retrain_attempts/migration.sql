-- Issues #24/#30: a retrain that fails keeps a plain reason (error) apart from the trainer's own output
-- (errorDetail); updatedAt tells a version that stopped moving (its worker died) from one that trains;
-- TrainerCheck records, per worker host, whether TRAIN_PYTHON can import the trainer's modules, so the
-- Models page says what is missing before a run starts. Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "ModelVersion" ADD COLUMN "errorDetail" TEXT;
ALTER TABLE "ModelVersion" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
CREATE TABLE "TrainerCheck" (
    "host" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "missing" TEXT[],
    "python" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrainerCheck_pkey" PRIMARY KEY ("host","python")
);
