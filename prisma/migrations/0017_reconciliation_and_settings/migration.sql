-- CreateTable
CREATE TABLE "EscalationSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "timings" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "fulfillmentOrders" INTEGER NOT NULL DEFAULT 0,
    "purchaseOrders" INTEGER NOT NULL DEFAULT 0,
    "repairs" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT
);

-- AlterTable (columns added in place: no table redefinition, so other migrations' columns survive)
ALTER TABLE "TrackingSettings" ADD COLUMN "noTrackingGraceHours" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "TrackingSettings" ADD COLUMN "pastPromiseGraceDays" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "ReconciliationRun_shop_startedAt_idx" ON "ReconciliationRun"("shop", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationRun_shop_slot_key" ON "ReconciliationRun"("shop", "slot");
