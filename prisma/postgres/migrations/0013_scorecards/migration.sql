-- AlterTable
ALTER TABLE "OversellIncident" ADD COLUMN     "eventKey" TEXT;

-- CreateTable
CREATE TABLE "ScorecardSettings" (
    "shop" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScorecardSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "SupplierScorecardSnapshot" (
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "summary" TEXT NOT NULL,

    CONSTRAINT "SupplierScorecardSnapshot_pkey" PRIMARY KEY ("shop","supplierId")
);

-- CreateIndex
CREATE UNIQUE INDEX "OversellIncident_shop_eventKey_key" ON "OversellIncident"("shop", "eventKey");
