-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "cancelReason" TEXT;

-- CreateTable
CREATE TABLE "MetricsState" (
    "shop" TEXT NOT NULL,
    "watermark" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "lastFullDay" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricsState_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "WismoContact" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "contactedAt" TIMESTAMP(3) NOT NULL,
    "channel" TEXT NOT NULL,
    "ticketId" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WismoContact_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "MetricDay_shop_dimension_metric_day_segment_n_numerator_sum_idx" ON "MetricDay"("shop", "dimension", "metric", "day", "segment", "n", "numerator", "sumMs");
