-- One open refill request per prescription, kept by the database (requests sent at once all passed the check before the insert).
-- Open requests such a race already duplicated are declined first, keeping the one the doctor started a draft for, else the
-- earliest: the duplicates are the same request sent twice (DecidedAt = when the duplicate was made).
UPDATE clinical.refill_requests AS r SET "Status" = 'declined', "DecidedAt" = r."RequestedAt"
WHERE r."Status" = 'requested' AND EXISTS (
    SELECT 1 FROM clinical.refill_requests AS other
    WHERE other."PrescriptionId" = r."PrescriptionId" AND other."Id" <> r."Id" AND other."Status" = 'requested'
      AND ((other."NewPrescriptionId" IS NOT NULL) > (r."NewPrescriptionId" IS NOT NULL)
        OR ((other."NewPrescriptionId" IS NOT NULL) = (r."NewPrescriptionId" IS NOT NULL)
          AND (other."RequestedAt" < r."RequestedAt" OR (other."RequestedAt" = r."RequestedAt" AND other."Id" < r."Id")))));

CREATE UNIQUE INDEX "IX_refill_requests_one_open_per_prescription" ON clinical.refill_requests ("PrescriptionId") WHERE "Status" = 'requested';
