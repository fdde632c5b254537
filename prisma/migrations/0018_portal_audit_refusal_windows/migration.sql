-- Aggregated portal refusals (issue 16, finding 2): added columns only, no table redefinition.
ALTER TABLE "PortalAudit" ADD COLUMN "windowKey" TEXT;
ALTER TABLE "PortalAudit" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX "PortalAudit_windowKey_key" ON "PortalAudit"("windowKey");
