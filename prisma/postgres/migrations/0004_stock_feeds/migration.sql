-- CreateTable
CREATE TABLE "StockFeed" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'upload',
    "url" TEXT,
    "cadenceMinutes" INTEGER NOT NULL DEFAULT 1440,
    "settings" TEXT NOT NULL,
    "pushSecret" TEXT NOT NULL,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastRunAt" TIMESTAMP(3),
    "lastGoodRunAt" TIMESTAMP(3),
    "nextPullAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockFeedRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "feedId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsChanged" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "rejections" TEXT NOT NULL DEFAULT '[]',
    "warnings" TEXT NOT NULL DEFAULT '[]',
    "pendingRows" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "StockFeedRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplierStock" (
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "supplierSku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "costMinor" INTEGER,
    "restockDate" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupplierStock_pkey" PRIMARY KEY ("shop","supplierId","supplierSku")
);

-- CreateTable
CREATE TABLE "BufferSetting" (
    "shop" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BufferSetting_pkey" PRIMARY KEY ("shop","scope","scopeId")
);

-- CreateTable
CREATE TABLE "OversellIncident" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "orderId" TEXT,
    "variantId" TEXT,
    "sku" TEXT,
    "quantity" INTEGER,
    "source" TEXT NOT NULL,
    "note" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OversellIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishedStock" (
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "inventoryItemId" TEXT,
    "locationId" TEXT,
    "target" INTEGER,
    "published" INTEGER,
    "buffer" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "publishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublishedStock_pkey" PRIMARY KEY ("shop","supplierId","variantId")
);

-- CreateIndex
CREATE INDEX "StockFeed_nextPullAt_idx" ON "StockFeed"("nextPullAt");

-- CreateIndex
CREATE UNIQUE INDEX "StockFeed_shop_supplierId_key" ON "StockFeed"("shop", "supplierId");

-- CreateIndex
CREATE INDEX "StockFeedRun_shop_feedId_startedAt_idx" ON "StockFeedRun"("shop", "feedId", "startedAt");

-- CreateIndex
CREATE INDEX "OversellIncident_shop_supplierId_occurredAt_idx" ON "OversellIncident"("shop", "supplierId", "occurredAt");
