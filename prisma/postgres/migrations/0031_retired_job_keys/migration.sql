-- CreateTable
CREATE TABLE "RetiredJobKey" (
    "dedupeKey" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "retiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetiredJobKey_pkey" PRIMARY KEY ("dedupeKey")
);

-- CreateIndex
CREATE INDEX "RetiredJobKey_shop_createdAt_idx" ON "RetiredJobKey"("shop", "createdAt");
