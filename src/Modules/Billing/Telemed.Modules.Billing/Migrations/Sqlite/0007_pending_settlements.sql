-- A visit's fate that reached billing before the visit's payment existed: see the PostgreSQL migration of the same number.
CREATE TABLE "billing_pending_settlements" (
    "AppointmentId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ByPatient" INTEGER NOT NULL,
    "Late" INTEGER NOT NULL,
    "StartedAt" TEXT NULL,
    "EndedAt" TEXT NULL,
    "Reason" TEXT NULL,
    "ParkedAt" TEXT NOT NULL,
    CONSTRAINT "PK_billing_pending_settlements" PRIMARY KEY ("AppointmentId", "Kind")
);
