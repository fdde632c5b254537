-- CreateTable
CREATE TABLE "MetricAlert" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closedReason" TEXT,
    "day" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "limit" DOUBLE PRECISION NOT NULL,
    "center" DOUBLE PRECISION,
    "days" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "lastDay" TEXT,
    "lastValue" DOUBLE PRECISION,
    "notifiedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSettings" (
    "shop" TEXT NOT NULL,
    "thresholds" TEXT NOT NULL DEFAULT '{}',
    "recipientEmail" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ReviewNote" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "groupBy" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "whatHappened" TEXT NOT NULL,
    "why" TEXT NOT NULL,
    "prevention" TEXT NOT NULL,
    "linkTarget" TEXT NOT NULL DEFAULT 'none',
    "author" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MetricAlert_openKey_key" ON "MetricAlert"("openKey");

-- CreateIndex
CREATE INDEX "MetricAlert_shop_status_openedAt_idx" ON "MetricAlert"("shop", "status", "openedAt");

-- CreateIndex
CREATE INDEX "MetricAlert_shop_metric_dimension_segment_rule_idx" ON "MetricAlert"("shop", "metric", "dimension", "segment", "rule");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewNote_shop_week_groupBy_groupKey_key" ON "ReviewNote"("shop", "week", "groupBy", "groupKey");
