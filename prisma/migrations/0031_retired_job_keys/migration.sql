-- CreateTable
CREATE TABLE "RetiredJobKey" (
    "dedupeKey" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "retiredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RetiredJobKey_shop_createdAt_idx" ON "RetiredJobKey"("shop", "createdAt");
