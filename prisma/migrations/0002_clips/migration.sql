-- Issue #5: frame-accurate clips, highlight reel, filmstrip thumbnails, webhooks.
CREATE TYPE "ClipStatus" AS ENUM ('none', 'cutting', 'ready', 'failed');
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed');

ALTER TABLE "Video" ADD COLUMN "reelKey" TEXT,
ADD COLUMN "reelStatus" "ClipStatus" NOT NULL DEFAULT 'none',
ADD COLUMN "reelProgress" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "reelError" TEXT,
ADD COLUMN "reelBuiltAt" TIMESTAMP(3),
ADD COLUMN "filmstripSpriteKey" TEXT,
ADD COLUMN "filmstripVttKey" TEXT;

ALTER TABLE "Highlight" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "clipStatus" "ClipStatus" NOT NULL DEFAULT 'none',
ADD COLUMN "clipRevision" INTEGER,
ADD COLUMN "clipError" TEXT;

CREATE TABLE "Webhook" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "webhookId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_eventId_key" ON "WebhookDelivery"("webhookId", "eventId");
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");

ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
