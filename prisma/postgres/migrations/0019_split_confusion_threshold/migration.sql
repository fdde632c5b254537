-- AlterTable
ALTER TABLE "TrackingSettings" ADD COLUMN     "splitConfusionDays" INTEGER NOT NULL DEFAULT 2;
