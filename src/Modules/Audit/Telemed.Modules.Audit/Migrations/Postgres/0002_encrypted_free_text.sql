-- Actor names and break-glass reasons are stored AES-256-GCM encrypted from now on; ciphertext needs unbounded text.
ALTER TABLE audit.entries ALTER COLUMN "ActorDisplay" TYPE text;
