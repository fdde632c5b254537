-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "workingDays" TEXT NOT NULL DEFAULT '[1,2,3,4,5]';
