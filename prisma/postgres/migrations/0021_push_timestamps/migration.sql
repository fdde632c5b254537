-- AlterTable
ALTER TABLE "StockFeed" ADD COLUMN     "lastPushTimestamp" INTEGER;
