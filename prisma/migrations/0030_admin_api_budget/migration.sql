-- CreateTable
CREATE TABLE "AdminApiBucket" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "maximumAvailable" REAL NOT NULL,
    "currentlyAvailable" REAL NOT NULL,
    "restoreRate" REAL NOT NULL,
    "observedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);
