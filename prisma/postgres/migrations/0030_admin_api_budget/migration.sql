-- CreateTable
CREATE TABLE "AdminApiBucket" (
    "shop" TEXT NOT NULL,
    "maximumAvailable" DOUBLE PRECISION NOT NULL,
    "currentlyAvailable" DOUBLE PRECISION NOT NULL,
    "restoreRate" DOUBLE PRECISION NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AdminApiBucket_pkey" PRIMARY KEY ("shop")
);
