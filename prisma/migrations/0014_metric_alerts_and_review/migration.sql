-- CreateTable
CREATE TABLE "MetricAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "openedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "closedReason" TEXT,
    "day" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "limit" REAL NOT NULL,
    "center" REAL,
    "days" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "lastDay" TEXT,
    "lastValue" REAL,
    "notifiedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "thresholds" TEXT NOT NULL DEFAULT '{}',
    "recipientEmail" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "groupBy" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "whatHappened" TEXT NOT NULL,
    "why" TEXT NOT NULL,
    "prevention" TEXT NOT NULL,
    "linkTarget" TEXT NOT NULL DEFAULT 'none',
    "author" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "MetricAlert_openKey_key" ON "MetricAlert"("openKey");

-- CreateIndex
CREATE INDEX "MetricAlert_shop_status_openedAt_idx" ON "MetricAlert"("shop", "status", "openedAt");

-- CreateIndex
CREATE INDEX "MetricAlert_shop_metric_dimension_segment_rule_idx" ON "MetricAlert"("shop", "metric", "dimension", "segment", "rule");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewNote_shop_week_groupBy_groupKey_key" ON "ReviewNote"("shop", "week", "groupBy", "groupKey");
