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
    "orderCreatedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "confirmedAt" DATETIME,
    "shippedAt" DATETIME,
    "trackingUploadedAt" DATETIME,
    "deliveredAt" DATETIME,
    "promisedShipBy" DATETIME,
    "promisedDeliveryBy" DATETIME,
    "accepted" BOOLEAN,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "cancelReason" TEXT,
    "stockout" BOOLEAN NOT NULL DEFAULT false,
    "exception" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "purchaseOrderId", "lineKey")
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
    "sumMs" REAL NOT NULL DEFAULT 0,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    "value" REAL,
    "p90" REAL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "day", "metric", "dimension", "segment")
);

-- CreateTable
CREATE TABLE "MutationIntent" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "request" TEXT NOT NULL,
    "result" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,

    PRIMARY KEY ("shop", "key")
);

-- CreateIndex
CREATE INDEX "FulfillmentFact_shop_day_idx" ON "FulfillmentFact"("shop", "day");

-- CreateIndex
CREATE INDEX "FulfillmentFact_shop_supplierId_day_idx" ON "FulfillmentFact"("shop", "supplierId", "day");

-- CreateIndex
CREATE INDEX "MetricDay_shop_metric_dimension_day_idx" ON "MetricDay"("shop", "metric", "dimension", "day");

-- CreateIndex
CREATE INDEX "MutationIntent_shop_kind_createdAt_idx" ON "MutationIntent"("shop", "kind", "createdAt");
