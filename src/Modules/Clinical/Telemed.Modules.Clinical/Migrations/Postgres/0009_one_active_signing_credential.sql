-- A doctor has at most one active (unrevoked) signing credential. Two first signatures at once (two documents signed in two tabs)
-- each found none and each issued one; now the second insert meets this index and signs with the credential the first issued.
-- Credentials that would break the index are revoked first, keeping the newest: an older one left unrevoked (expired, or issued
-- by such a race) is "superseded", or "expired" when past its NotAfter. Signatures made before the revocation stay valid.
UPDATE clinical.signing_credentials AS c
SET "RevokedAt" = now(),
    "RevocationReason" = CASE WHEN c."NotAfter" <= now() THEN 'expired' ELSE 'superseded' END
WHERE c."RevokedAt" IS NULL
  AND EXISTS (SELECT 1 FROM clinical.signing_credentials AS n
              WHERE n."DoctorUserId" = c."DoctorUserId" AND n."RevokedAt" IS NULL
                AND (n."IssuedAt" > c."IssuedAt" OR (n."IssuedAt" = c."IssuedAt" AND n."Id" > c."Id")));
CREATE UNIQUE INDEX "IX_signing_credentials_DoctorUserId_active" ON clinical.signing_credentials ("DoctorUserId") WHERE "RevokedAt" IS NULL;
