-- AlterTable
ALTER TABLE "Order" ADD COLUMN "cancelReason" TEXT;

-- CreateTable
CREATE TABLE "MetricsState" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "watermark" DATETIME,
    "lastRunAt" DATETIME,
    "lastFullDay" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WismoContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "contactedAt" DATETIME NOT NULL,
    "channel" TEXT NOT NULL,
    "ticketId" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "WismoContact_shop_contactedAt_idx" ON "WismoContact"("shop", "contactedAt");

-- CreateIndex
CREATE INDEX "WismoContact_shop_createdAt_idx" ON "WismoContact"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "WismoContact_shop_orderId_idx" ON "WismoContact"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "WismoContact_shop_ticketId_key" ON "WismoContact"("shop", "ticketId");

-- CreateIndex
CREATE INDEX "Order_shop_updatedAt_idx" ON "Order"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "PurchaseOrder_shop_updatedAt_idx" ON "PurchaseOrder"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "Shipment_shop_updatedAt_idx" ON "Shipment"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "TrackedParcel_shop_updatedAt_idx" ON "TrackedParcel"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "ExceptionCase_shop_updatedAt_idx" ON "ExceptionCase"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "FulfillmentFact_shop_promisedShipBy_idx" ON "FulfillmentFact"("shop", "promisedShipBy");

-- CreateIndex
CREATE INDEX "FulfillmentFact_shop_promisedDeliveryBy_idx" ON "FulfillmentFact"("shop", "promisedDeliveryBy");

-- CreateIndex
CREATE INDEX "MetricDay_shop_dimension_metric_day_segment_n_numerator_sumMs_idx" ON "MetricDay"("shop", "dimension", "metric", "day", "segment", "n", "numerator", "sumMs");
