-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT,
    "supplierId" TEXT,
    "purchaseOrderId" TEXT,
    "fulfillmentOrderIds" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "carrier" TEXT,
    "trackingUrls" TEXT NOT NULL DEFAULT '[]',
    "dedupeKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "syncStatus" TEXT NOT NULL DEFAULT 'pending',
    "syncError" TEXT,
    "fulfillmentId" TEXT,
    "notifyCustomer" BOOLEAN NOT NULL DEFAULT false,
    "stage" TEXT NOT NULL DEFAULT 'label_created',
    "estimatedDeliveryAt" TEXT,
    "promisedEarliest" TEXT,
    "promisedLatest" TEXT,
    "promiseTimeZone" TEXT,
    "labelCreatedAt" TIMESTAMP(3) NOT NULL,
    "lastScanAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3),
    "trackingLatencyMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackedParcel" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "carrier" TEXT,
    "stage" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrackedParcel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarrierEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "shipmentId" TEXT,
    "payload" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'received',
    "reason" TEXT,
    "stage" TEXT,
    "happenedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "fulfillmentEventId" TEXT,

    CONSTRAINT "CarrierEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExceptionCase" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "orderId" TEXT,
    "orderName" TEXT,
    "supplierId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedReason" TEXT NOT NULL,
    "suggestedActions" TEXT NOT NULL,
    "action" TEXT,
    "owner" TEXT,
    "resolutionNote" TEXT,
    "closedReason" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExceptionCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackingSettings" (
    "shop" TEXT NOT NULL,
    "carrierEventSecret" TEXT NOT NULL,
    "labelWithoutPickupBusinessDays" INTEGER NOT NULL DEFAULT 2,
    "noMovementDays" INTEGER NOT NULL DEFAULT 4,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrackingSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "Shipment_shop_orderId_idx" ON "Shipment"("shop", "orderId");

-- CreateIndex
CREATE INDEX "Shipment_shop_stage_idx" ON "Shipment"("shop", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_shop_dedupeKey_key" ON "Shipment"("shop", "dedupeKey");

-- CreateIndex
CREATE INDEX "TrackedParcel_shop_shipmentId_idx" ON "TrackedParcel"("shop", "shipmentId");

-- CreateIndex
CREATE UNIQUE INDEX "TrackedParcel_shop_trackingNumber_key" ON "TrackedParcel"("shop", "trackingNumber");

-- CreateIndex
CREATE INDEX "CarrierEvent_shop_trackingNumber_idx" ON "CarrierEvent"("shop", "trackingNumber");

-- CreateIndex
CREATE INDEX "CarrierEvent_shop_outcome_idx" ON "CarrierEvent"("shop", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierEvent_shop_dedupeKey_key" ON "CarrierEvent"("shop", "dedupeKey");

-- CreateIndex
CREATE INDEX "ExceptionCase_shop_status_type_idx" ON "ExceptionCase"("shop", "status", "type");

-- CreateIndex
CREATE INDEX "ExceptionCase_shop_subjectId_status_idx" ON "ExceptionCase"("shop", "subjectId", "status");

-- AddForeignKey
ALTER TABLE "TrackedParcel" ADD CONSTRAINT "TrackedParcel_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
