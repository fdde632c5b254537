-- CreateTable
CREATE TABLE "ShopProfile" (
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "primaryLocale" TEXT NOT NULL DEFAULT 'en',
    "ianaTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopProfile_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "NoticeSettings" (
    "shop" TEXT NOT NULL,
    "disabled" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeSettings_pkey" PRIMARY KEY ("shop")
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "CustomerNotice_pkey" PRIMARY KEY ("shop","key")
);

-- CreateIndex
CREATE INDEX "CustomerNotice_shop_orderId_createdAt_idx" ON "CustomerNotice"("shop", "orderId", "createdAt");
