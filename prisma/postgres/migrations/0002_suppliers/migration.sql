-- CreateTable
CREATE TABLE "Supplier" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "cutoff" TEXT NOT NULL,
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "serviceTier" TEXT NOT NULL,
    "handlingMinDays" INTEGER NOT NULL,
    "handlingMaxDays" INTEGER NOT NULL,
    "coverage" TEXT NOT NULL DEFAULT '[]',
    "dropshipFeeMinor" INTEGER NOT NULL DEFAULT 0,
    "feedCadenceMinutes" INTEGER NOT NULL DEFAULT 1440,
    "status" TEXT NOT NULL DEFAULT 'active',
    "fulfillmentServiceId" TEXT,
    "locationId" TEXT,
    "syncError" TEXT,
    "acceptanceRate" DOUBLE PRECISION,
    "cancellationRate" DOUBLE PRECISION,
    "defectRate" DOUBLE PRECISION,
    "onTimeShipRate" DOUBLE PRECISION,
    "trackingLatencyHours" DOUBLE PRECISION,
    "sampleSize" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "supplierSku" TEXT NOT NULL,
    "unitCostMinor" INTEGER NOT NULL,
    "stockOnHand" INTEGER NOT NULL DEFAULT 0,
    "stockUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Supplier_shop_status_idx" ON "Supplier"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_shop_name_key" ON "Supplier"("shop", "name");

-- CreateIndex
CREATE INDEX "Offer_shop_variantId_idx" ON "Offer"("shop", "variantId");

-- CreateIndex
CREATE INDEX "Offer_shop_sku_idx" ON "Offer"("shop", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "Offer_shop_supplierId_variantId_key" ON "Offer"("shop", "supplierId", "variantId");

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE CASCADE ON UPDATE CASCADE;
