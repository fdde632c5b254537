-- CreateIndex
CREATE INDEX "Job_status_shop_runAt_createdAt_idx" ON "Job"("status", "shop", "runAt", "createdAt");
