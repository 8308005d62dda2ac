-- A call guest's state changes carry a concurrency token: an admission read before a removal cannot overwrite it.
ALTER TABLE "consultations_call_guests" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;
