-- AlterTable (a column added in place: the table is not rebuilt)
ALTER TABLE "TrackingSettings" ADD COLUMN "splitConfusionDays" INTEGER NOT NULL DEFAULT 2;
