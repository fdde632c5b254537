-- CreateTable
CREATE TABLE "PublishedPromise" (
    "shop" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "ownerId", "key")
);

-- CreateTable
CREATE TABLE "PromiseSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "carrierHolidays" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);
