-- Issues #24/#25 honest status: when the video's progress last rose and the rate it rose at (time left
-- comes from it; a long time without a rise is a stall), and the id of the reel build on its way (its
-- place in the queue is shown). Mirrors prisma/schema.prisma; keep both in step.
ALTER TABLE "Video" ADD COLUMN "progressAt" TIMESTAMP(3);
ALTER TABLE "Video" ADD COLUMN "progressRate" DOUBLE PRECISION;
ALTER TABLE "Video" ADD COLUMN "reelJobId" TEXT;
