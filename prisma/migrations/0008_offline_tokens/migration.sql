-- CreateTable
CREATE TABLE "ShopAuth" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "refreshLeaseOwner" TEXT,
    "refreshLeaseUntil" DATETIME,
    "lastRefreshedAt" DATETIME,
    "lastRefreshedBy" TEXT,
    "refreshCount" INTEGER NOT NULL DEFAULT 0,
    "needsReauthAt" DATETIME,
    "needsReauthReason" TEXT,
    "updatedAt" DATETIME NOT NULL
);
