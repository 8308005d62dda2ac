-- A call guest's state changes carry a concurrency token: an admission read before a removal cannot overwrite it.
ALTER TABLE consultations.call_guests ADD "Version" integer NOT NULL DEFAULT 0;
