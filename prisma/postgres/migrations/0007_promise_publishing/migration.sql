-- CreateTable
CREATE TABLE "PublishedPromise" (
    "shop" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublishedPromise_pkey" PRIMARY KEY ("shop","ownerId","key")
);

-- CreateTable
CREATE TABLE "PromiseSettings" (
    "shop" TEXT NOT NULL,
    "carrierHolidays" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromiseSettings_pkey" PRIMARY KEY ("shop")
);
