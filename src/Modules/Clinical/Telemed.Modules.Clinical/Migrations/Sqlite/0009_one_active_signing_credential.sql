-- A doctor has at most one active (unrevoked) signing credential: see the PostgreSQL migration of the same number. The time is
-- written as EF Core writes a DateTime on SQLite.
UPDATE "clinical_signing_credentials"
SET "RevokedAt" = strftime('%Y-%m-%d %H:%M:%f', 'now'),
    "RevocationReason" = CASE WHEN "NotAfter" <= strftime('%Y-%m-%d %H:%M:%f', 'now') THEN 'expired' ELSE 'superseded' END
WHERE "RevokedAt" IS NULL
  AND EXISTS (SELECT 1 FROM "clinical_signing_credentials" AS n
              WHERE n."DoctorUserId" = "clinical_signing_credentials"."DoctorUserId" AND n."RevokedAt" IS NULL
                AND (n."IssuedAt" > "clinical_signing_credentials"."IssuedAt"
                     OR (n."IssuedAt" = "clinical_signing_credentials"."IssuedAt" AND n."Id" > "clinical_signing_credentials"."Id")));
CREATE UNIQUE INDEX "IX_signing_credentials_DoctorUserId_active" ON "clinical_signing_credentials" ("DoctorUserId") WHERE "RevokedAt" IS NULL;
