-- CreateTable
CREATE TABLE "FulfillmentFact" (
    "shop" TEXT NOT NULL,
    "purchaseOrderId" TEXT NOT NULL,
    "lineKey" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "orderCreatedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "shippedAt" TIMESTAMP(3),
    "trackingUploadedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "promisedShipBy" TIMESTAMP(3),
    "promisedDeliveryBy" TIMESTAMP(3),
    "accepted" BOOLEAN,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "cancelReason" TEXT,
    "stockout" BOOLEAN NOT NULL DEFAULT false,
    "exception" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FulfillmentFact_pkey" PRIMARY KEY ("shop","purchaseOrderId","lineKey")
);

-- CreateTable
CREATE TABLE "MetricDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "numerator" INTEGER NOT NULL DEFAULT 0,
    "sumMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    "value" DOUBLE PRECISION,
    "p90" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricDay_pkey" PRIMARY KEY ("shop","day","metric","dimension","segment")
);

-- CreateTable
CREATE TABLE "MutationIntent" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "request" TEXT NOT NULL,
    "result" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "MutationIntent_pkey" PRIMARY KEY ("shop","key")
);

-- CreateIndex
CREATE INDEX "FulfillmentFact_shop_day_idx" ON "FulfillmentFact"("shop", "day");

-- CreateIndex
CREATE INDEX "FulfillmentFact_shop_supplierId_day_idx" ON "FulfillmentFact"("shop", "supplierId", "day");

-- CreateIndex
CREATE INDEX "MetricDay_shop_metric_dimension_day_idx" ON "MetricDay"("shop", "metric", "dimension", "day");

-- CreateIndex
CREATE INDEX "MutationIntent_shop_kind_createdAt_idx" ON "MutationIntent"("shop", "kind", "createdAt");
