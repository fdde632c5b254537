-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "groupKey" TEXT;

-- CreateTable
CREATE TABLE "RoutingPolicy" (
    "shop" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingPolicy_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "RoutingDecision" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "RoutingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoutingDecision_shop_createdAt_idx" ON "RoutingDecision"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RoutingDecision_shop_orderId_version_key" ON "RoutingDecision"("shop", "orderId", "version");

-- CreateIndex
CREATE INDEX "Job_groupKey_status_idx" ON "Job"("groupKey", "status");
