-- CreateTable
CREATE TABLE "SetupState" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "checklist" TEXT NOT NULL DEFAULT 'auto',
    "promiseConfirmedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CatalogVariant" (
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "productStatus" TEXT NOT NULL,

    PRIMARY KEY ("shop", "variantId")
);

-- CreateTable
CREATE TABLE "CatalogSnapshot" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "refreshedAt" DATETIME NOT NULL,
    "variants" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "UnmatchedOfferRow" (
    "shop" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "supplierSku" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "title" TEXT,
    "unitCostMinor" INTEGER NOT NULL,
    "stockOnHand" INTEGER NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "supplierId", "supplierSku")
);

-- CreateTable
CREATE TABLE "OfferMappingAudit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "supplierSku" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "actor" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CatalogVariant_shop_sku_idx" ON "CatalogVariant"("shop", "sku");

-- CreateIndex
CREATE INDEX "OfferMappingAudit_shop_at_idx" ON "OfferMappingAudit"("shop", "at");
