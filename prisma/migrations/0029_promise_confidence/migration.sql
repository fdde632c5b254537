-- The merchant's chosen promise confidence (#18 item 2).
ALTER TABLE "PromiseSettings" ADD COLUMN "confidence" INTEGER NOT NULL DEFAULT 97;
