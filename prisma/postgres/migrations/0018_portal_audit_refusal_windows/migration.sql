-- AlterTable
ALTER TABLE "PortalAudit" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "windowKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "PortalAudit_windowKey_key" ON "PortalAudit"("windowKey");
