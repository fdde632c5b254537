-- CreateTable
CREATE TABLE "ShopProfile" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "primaryLocale" TEXT NOT NULL DEFAULT 'en',
    "ianaTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "readAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NoticeSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "disabled" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerNotice" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "recipient" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "earliest" TEXT NOT NULL,
    "latest" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,

    PRIMARY KEY ("shop", "key")
);

-- CreateIndex
CREATE INDEX "CustomerNotice_shop_orderId_createdAt_idx" ON "CustomerNotice"("shop", "orderId", "createdAt");
