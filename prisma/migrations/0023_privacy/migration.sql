-- Privacy (issue 16, finding 5). Columns are added in place (no table redefinition).

-- When a purchase order closed: suppliers stop seeing it N days later.
ALTER TABLE "PurchaseOrder" ADD COLUMN "closedAt" DATETIME;
-- Purchase orders closed before this migration: their last change is when they closed, near enough.
UPDATE "PurchaseOrder" SET "closedAt" = "updatedAt" WHERE "status" IN ('rejected', 'rerouted', 'cancelled', 'shipped');

-- A shop erased by shop/redact.
CREATE TABLE "ErasedShop" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "erasedAt" DATETIME NOT NULL
);

-- customers/data_request: the export and its state.
ALTER TABLE "DataRequest" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE "DataRequest" ADD COLUMN "shopifyRequestId" TEXT;
ALTER TABLE "DataRequest" ADD COLUMN "export" TEXT;
ALTER TABLE "DataRequest" ADD COLUMN "readyAt" DATETIME;
ALTER TABLE "DataRequest" ADD COLUMN "downloadedAt" DATETIME;

-- Purchase orders carry the recipient's phone only for suppliers whose carrier needs it.
ALTER TABLE "SupplierCoordination" ADD COLUMN "carrierRequiresPhone" BOOLEAN NOT NULL DEFAULT false;
