-- CreateTable
CREATE TABLE "SetupState" (
    "shop" TEXT NOT NULL,
    "checklist" TEXT NOT NULL DEFAULT 'auto',
    "promiseConfirmedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SetupState_pkey" PRIMARY KEY ("shop")
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

    CONSTRAINT "CatalogVariant_pkey" PRIMARY KEY ("shop","variantId")
);

-- CreateTable
CREATE TABLE "CatalogSnapshot" (
    "shop" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "variants" INTEGER NOT NULL,

    CONSTRAINT "CatalogSnapshot_pkey" PRIMARY KEY ("shop")
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
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnmatchedOfferRow_pkey" PRIMARY KEY ("shop","supplierId","supplierSku")
);

-- CreateTable
CREATE TABLE "OfferMappingAudit" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "supplierSku" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "actor" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfferMappingAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogVariant_shop_sku_idx" ON "CatalogVariant"("shop", "sku");

-- CreateIndex
CREATE INDEX "OfferMappingAudit_shop_at_idx" ON "OfferMappingAudit"("shop", "at");
