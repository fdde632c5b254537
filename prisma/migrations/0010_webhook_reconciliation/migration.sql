-- AlterTable
ALTER TABLE "PublishedStock" ADD COLUMN "driftAt" DATETIME;
ALTER TABLE "PublishedStock" ADD COLUMN "driftAvailable" INTEGER;

-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN "shopifyHold" TEXT;
ALTER TABLE "PurchaseOrder" ADD COLUMN "shopifyHoldChangedAt" DATETIME;
