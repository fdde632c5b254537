-- AlterTable
ALTER TABLE "PublishedStock" ADD COLUMN     "driftAt" TIMESTAMP(3),
ADD COLUMN     "driftAvailable" INTEGER;

-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN     "shopifyHold" TEXT,
ADD COLUMN     "shopifyHoldChangedAt" TIMESTAMP(3);
