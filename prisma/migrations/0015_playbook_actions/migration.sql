-- AlterTable
ALTER TABLE "ExceptionCase" ADD COLUMN "sleepUntil" DATETIME;

-- CreateTable
CREATE TABLE "CasePlaybook" (
    "shop" TEXT NOT NULL,
    "caseType" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "updatedBy" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "caseType")
);

-- CreateTable
CREATE TABLE "CaseAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "orderId" TEXT,
    "action" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "actor" TEXT NOT NULL,
    "confirmation" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "shopifyIds" TEXT,
    "outcome" TEXT,
    "error" TEXT,
    "requestedAt" DATETIME NOT NULL,
    "completedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "CaseAction_shop_caseId_requestedAt_idx" ON "CaseAction"("shop", "caseId", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseAction_shop_key_key" ON "CaseAction"("shop", "key");
