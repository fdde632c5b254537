-- CreateTable
CREATE TABLE "SupplierCoordination" (
    "supplierId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,
    "manualReview" BOOLEAN NOT NULL DEFAULT false,
    "openTime" TEXT NOT NULL DEFAULT '09:00',
    "closeTime" TEXT NOT NULL DEFAULT '17:00',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupplierCoordination_pkey" PRIMARY KEY ("supplierId")
);

-- CreateTable
CREATE TABLE "CoordinationSettings" (
    "shop" TEXT NOT NULL,
    "manualReview" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CoordinationSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "fulfillmentOrderId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "serviceTier" TEXT NOT NULL,
    "shippingMethod" TEXT,
    "shipTo" TEXT NOT NULL,
    "notes" TEXT,
    "lines" TEXT NOT NULL,
    "shipBy" TIMESTAMP(3) NOT NULL,
    "committedShipAt" TIMESTAMP(3),
    "rejection" TEXT,
    "ladder" TEXT,
    "ladderStep" TEXT,
    "held" BOOLEAN NOT NULL DEFAULT false,
    "deliveredVia" TEXT,
    "deliveryError" TEXT,
    "sentAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PurchaseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalToken" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "PortalToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalAudit" (
    "id" TEXT NOT NULL,
    "shop" TEXT,
    "supplierId" TEXT,
    "tokenId" TEXT,
    "action" TEXT NOT NULL,
    "purchaseOrderId" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalRequest" (
    "tokenId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalRequest_pkey" PRIMARY KEY ("tokenId","requestId")
);

-- CreateTable
CREATE TABLE "StaffTask" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "purchaseOrderId" TEXT,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "StaffTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupplierCoordination_shop_idx" ON "SupplierCoordination"("shop");

-- CreateIndex
CREATE INDEX "PurchaseOrder_shop_status_idx" ON "PurchaseOrder"("shop", "status");

-- CreateIndex
CREATE INDEX "PurchaseOrder_shop_supplierId_status_idx" ON "PurchaseOrder"("shop", "supplierId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_shop_number_key" ON "PurchaseOrder"("shop", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_shop_fulfillmentOrderId_supplierId_key" ON "PurchaseOrder"("shop", "fulfillmentOrderId", "supplierId");

-- CreateIndex
CREATE UNIQUE INDEX "PortalToken_tokenHash_key" ON "PortalToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PortalToken_shop_supplierId_idx" ON "PortalToken"("shop", "supplierId");

-- CreateIndex
CREATE INDEX "PortalAudit_shop_at_idx" ON "PortalAudit"("shop", "at");

-- CreateIndex
CREATE INDEX "PortalAudit_tokenId_at_idx" ON "PortalAudit"("tokenId", "at");

-- CreateIndex
CREATE INDEX "StaffTask_shop_status_idx" ON "StaffTask"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "StaffTask_shop_dedupeKey_key" ON "StaffTask"("shop", "dedupeKey");
