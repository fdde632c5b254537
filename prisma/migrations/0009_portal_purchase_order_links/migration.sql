-- AlterTable
ALTER TABLE "PortalToken" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "PortalToken" ADD COLUMN "purchaseOrderId" TEXT;
