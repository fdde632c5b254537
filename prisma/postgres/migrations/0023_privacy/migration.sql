-- AlterTable
ALTER TABLE "DataRequest" ADD COLUMN     "downloadedAt" TIMESTAMP(3),
ADD COLUMN     "export" TEXT,
ADD COLUMN     "readyAt" TIMESTAMP(3),
ADD COLUMN     "shopifyRequestId" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'pending';

-- AlterTable
ALTER TABLE "SupplierCoordination" ADD COLUMN     "carrierRequiresPhone" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN     "closedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ErasedShop" (
    "domain" TEXT NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErasedShop_pkey" PRIMARY KEY ("domain")
);
