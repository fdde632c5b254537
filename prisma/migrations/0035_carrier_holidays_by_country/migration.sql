-- Carrier non-delivery dates of single destination countries (#18 item 3): JSON {"FR": ["2026-07-14"]}.
ALTER TABLE "PromiseSettings" ADD COLUMN "carrierHolidaysByCountry" TEXT NOT NULL DEFAULT '{}';
