-- AlterTable
ALTER TABLE "PromiseSettings" ADD COLUMN     "carrierHolidaysByCountry" TEXT NOT NULL DEFAULT '{}';
