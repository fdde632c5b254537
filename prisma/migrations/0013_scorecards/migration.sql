-- AlterTable
ALTER TABLE "OversellIncident" ADD COLUMN "eventKey" TEXT;

-- CreateTable
CREATE TABLE "ScorecardSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "settings" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SupplierScorecardSnapshot" (
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "summary" TEXT NOT NULL,

    PRIMARY KEY ("shop", "supplierId")
);

-- CreateIndex
CREATE UNIQUE INDEX "OversellIncident_shop_eventKey_key" ON "OversellIncident"("shop", "eventKey");
