-- One open refill request per prescription, kept by the database (requests sent at once all passed the check before the insert).
-- Open requests such a race already duplicated are declined first, keeping the one the doctor started a draft for, else the
-- earliest: the duplicates are the same request sent twice (DecidedAt = when the duplicate was made).
UPDATE "clinical_refill_requests" SET "Status" = 'declined', "DecidedAt" = "RequestedAt"
WHERE "Status" = 'requested' AND EXISTS (
    SELECT 1 FROM "clinical_refill_requests" AS other
    WHERE other."PrescriptionId" = "clinical_refill_requests"."PrescriptionId" AND other."Id" <> "clinical_refill_requests"."Id"
      AND other."Status" = 'requested'
      AND ((other."NewPrescriptionId" IS NOT NULL) > ("clinical_refill_requests"."NewPrescriptionId" IS NOT NULL)
        OR ((other."NewPrescriptionId" IS NOT NULL) = ("clinical_refill_requests"."NewPrescriptionId" IS NOT NULL)
          AND (other."RequestedAt" < "clinical_refill_requests"."RequestedAt"
            OR (other."RequestedAt" = "clinical_refill_requests"."RequestedAt" AND other."Id" < "clinical_refill_requests"."Id")))));

CREATE UNIQUE INDEX "IX_refill_requests_one_open_per_prescription" ON "clinical_refill_requests" ("PrescriptionId") WHERE "Status" = 'requested';
