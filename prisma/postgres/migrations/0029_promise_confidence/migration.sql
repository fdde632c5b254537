-- AlterTable
ALTER TABLE "PromiseSettings" ADD COLUMN     "confidence" INTEGER NOT NULL DEFAULT 97;
