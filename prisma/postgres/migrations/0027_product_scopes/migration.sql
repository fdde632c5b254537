-- CreateTable
CREATE TABLE "ProductScope" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "collections" TEXT NOT NULL DEFAULT '[]',
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductScope_pkey" PRIMARY KEY ("shop","variantId")
);
