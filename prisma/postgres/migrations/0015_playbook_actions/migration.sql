-- AlterTable
ALTER TABLE "ExceptionCase" ADD COLUMN     "sleepUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CasePlaybook" (
    "shop" TEXT NOT NULL,
    "caseType" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CasePlaybook_pkey" PRIMARY KEY ("shop","caseType")
);

-- CreateTable
CREATE TABLE "CaseAction" (
    "id" TEXT NOT NULL,
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
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "CaseAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseAction_shop_caseId_requestedAt_idx" ON "CaseAction"("shop", "caseId", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseAction_shop_key_key" ON "CaseAction"("shop", "key");
