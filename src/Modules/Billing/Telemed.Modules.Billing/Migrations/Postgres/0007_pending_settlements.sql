-- A visit's fate (cancelled, completed, failed) that reached billing before the visit's payment existed: kept until the payment
-- is created, then applied to it and removed (PendingSettlement).
CREATE TABLE billing.pending_settlements (
    "AppointmentId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "ByPatient" boolean NOT NULL,
    "Late" boolean NOT NULL,
    "StartedAt" timestamp with time zone,
    "EndedAt" timestamp with time zone,
    "Reason" character varying(32),
    "ParkedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_pending_settlements" PRIMARY KEY ("AppointmentId", "Kind")
);
