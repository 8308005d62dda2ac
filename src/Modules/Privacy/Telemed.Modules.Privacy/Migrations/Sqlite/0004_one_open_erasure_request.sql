-- One open erasure request per patient, kept by the database (two requests sent at once both passed the check before the insert).
-- Open requests that such a race already duplicated are declined first, keeping the one being carried out, else the earliest:
-- the duplicates are the same request sent twice, so nothing the patient asked for is lost (DecidedAt = when the duplicate was made).
UPDATE "privacy_erasure_requests" SET "Status" = 'declined', "DecidedAt" = "RequestedAt", "Version" = "Version" + 1
WHERE "Status" IN ('requested', 'inProgress') AND EXISTS (
    SELECT 1 FROM "privacy_erasure_requests" AS other
    WHERE other."PatientId" = "privacy_erasure_requests"."PatientId" AND other."Id" <> "privacy_erasure_requests"."Id"
      AND other."Status" IN ('requested', 'inProgress')
      AND ((other."Status" = 'inProgress') > ("privacy_erasure_requests"."Status" = 'inProgress')
        OR ((other."Status" = 'inProgress') = ("privacy_erasure_requests"."Status" = 'inProgress')
          AND (other."RequestedAt" < "privacy_erasure_requests"."RequestedAt"
            OR (other."RequestedAt" = "privacy_erasure_requests"."RequestedAt" AND other."Id" < "privacy_erasure_requests"."Id")))));

CREATE UNIQUE INDEX "IX_erasure_requests_one_open_per_patient" ON "privacy_erasure_requests" ("PatientId") WHERE "Status" IN ('requested', 'inProgress');
