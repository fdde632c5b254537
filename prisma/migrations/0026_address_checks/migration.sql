-- AlterTable
ALTER TABLE "StaffTask" ADD COLUMN "orderId" TEXT;

-- CreateTable
CREATE TABLE "SupplierLabelRules" (
    "supplierId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requirePhone" BOOLEAN NOT NULL DEFAULT false,
    "refusePoBox" BOOLEAN NOT NULL DEFAULT false,
    "maxLineLength" INTEGER,
    "latinOnly" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AddressHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'held',
    "problems" TEXT NOT NULL,
    "supplierIds" TEXT NOT NULL DEFAULT '[]',
    "fingerprint" TEXT NOT NULL,
    "countryCode" TEXT,
    "channel" TEXT NOT NULL,
    "decisionVersion" INTEGER NOT NULL,
    "heldAt" DATETIME NOT NULL,
    "checkedAt" DATETIME NOT NULL,
    "releasedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SupplierLabelRules_shop_idx" ON "SupplierLabelRules"("shop");

-- CreateIndex
CREATE INDEX "AddressHold_shop_status_idx" ON "AddressHold"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AddressHold_shop_orderId_key" ON "AddressHold"("shop", "orderId");
