-- One open erasure request per patient, kept by the database (two requests sent at once both passed the check before the insert).
-- Open requests that such a race already duplicated are declined first, keeping the one being carried out, else the earliest:
-- the duplicates are the same request sent twice, so nothing the patient asked for is lost (DecidedAt = when the duplicate was made).
UPDATE privacy.erasure_requests AS r SET "Status" = 'declined', "DecidedAt" = r."RequestedAt", "Version" = r."Version" + 1
WHERE r."Status" IN ('requested', 'inProgress') AND EXISTS (
    SELECT 1 FROM privacy.erasure_requests AS other
    WHERE other."PatientId" = r."PatientId" AND other."Id" <> r."Id" AND other."Status" IN ('requested', 'inProgress')
      AND ((other."Status" = 'inProgress') > (r."Status" = 'inProgress')
        OR ((other."Status" = 'inProgress') = (r."Status" = 'inProgress')
          AND (other."RequestedAt" < r."RequestedAt" OR (other."RequestedAt" = r."RequestedAt" AND other."Id" < r."Id")))));

CREATE UNIQUE INDEX "IX_erasure_requests_one_open_per_patient" ON privacy.erasure_requests ("PatientId") WHERE "Status" IN ('requested', 'inProgress');
