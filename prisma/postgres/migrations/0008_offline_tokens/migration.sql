-- CreateTable
CREATE TABLE "ShopAuth" (
    "shop" TEXT NOT NULL,
    "refreshLeaseOwner" TEXT,
    "refreshLeaseUntil" TIMESTAMP(3),
    "lastRefreshedAt" TIMESTAMP(3),
    "lastRefreshedBy" TEXT,
    "refreshCount" INTEGER NOT NULL DEFAULT 0,
    "needsReauthAt" TIMESTAMP(3),
    "needsReauthReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopAuth_pkey" PRIMARY KEY ("shop")
);
