-- AlterTable
ALTER TABLE "TrackingSettings" ADD COLUMN     "noTrackingGraceHours" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pastPromiseGraceDays" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "EscalationSettings" (
    "shop" TEXT NOT NULL,
    "timings" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EscalationSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "pages" INTEGER NOT NULL DEFAULT 0,
    "fulfillmentOrders" INTEGER NOT NULL DEFAULT 0,
    "purchaseOrders" INTEGER NOT NULL DEFAULT 0,
    "repairs" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_shop_startedAt_idx" ON "ReconciliationRun"("shop", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationRun_shop_slot_key" ON "ReconciliationRun"("shop", "slot");
