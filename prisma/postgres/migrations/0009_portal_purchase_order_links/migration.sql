-- AlterTable
ALTER TABLE "PortalToken" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "purchaseOrderId" TEXT;
