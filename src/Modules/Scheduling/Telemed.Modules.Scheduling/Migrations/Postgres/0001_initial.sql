DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'scheduling') THEN
        CREATE SCHEMA scheduling;
    END IF;
END $EF$;


CREATE TABLE scheduling.action_links (
    "TokenHash" character varying(64) NOT NULL,
    "AppointmentId" uuid NOT NULL,
    "Action" character varying(16) NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_action_links" PRIMARY KEY ("TokenHash")
);


CREATE TABLE scheduling.appointment_types (
    "DoctorId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "DurationMinutes" integer NOT NULL,
    "BufferBeforeMinutes" integer NOT NULL,
    "BufferAfterMinutes" integer NOT NULL,
    "MinimumNoticeMinutes" integer NOT NULL,
    "MaximumHorizonDays" integer NOT NULL,
    "Enabled" boolean NOT NULL,
    CONSTRAINT "PK_appointment_types" PRIMARY KEY ("DoctorId", "Kind")
);


CREATE TABLE scheduling.appointments (
    "Id" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Start" timestamp with time zone NOT NULL,
    "End" timestamp with time zone NOT NULL,
    "Status" character varying(16) NOT NULL,
    "BookedBy" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConfirmedAt" timestamp with time zone,
    "CheckedInAt" timestamp with time zone,
    "CompletedAt" timestamp with time zone,
    "CancelledAt" timestamp with time zone,
    "CancellationReason" text,
    "LateCancellation" boolean NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_appointments" PRIMARY KEY ("Id")
);


CREATE TABLE scheduling.availability_exceptions (
    "Id" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "Date" date NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "StartMinute" integer,
    "EndMinute" integer,
    CONSTRAINT "PK_availability_exceptions" PRIMARY KEY ("Id")
);


CREATE TABLE scheduling.calendar_feeds (
    "DoctorId" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_calendar_feeds" PRIMARY KEY ("DoctorId")
);


CREATE TABLE scheduling.clinic_policies (
    "ClinicId" uuid NOT NULL,
    "CancellationCutoffHours" integer NOT NULL,
    "ReminderOffsetsHours" character varying(100) NOT NULL,
    "WaitlistHoldMinutes" integer NOT NULL,
    CONSTRAINT "PK_clinic_policies" PRIMARY KEY ("ClinicId")
);


CREATE TABLE scheduling.idempotency_records (
    "UserId" uuid NOT NULL,
    "Key" character varying(100) NOT NULL,
    "RequestHash" character varying(64) NOT NULL,
    "AppointmentId" uuid,
    "StatusCode" integer NOT NULL,
    "ErrorCode" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_idempotency_records" PRIMARY KEY ("UserId", "Key")
);


CREATE TABLE scheduling.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE scheduling.reminders (
    "Id" uuid NOT NULL,
    "AppointmentId" uuid NOT NULL,
    "AppointmentStart" timestamp with time zone NOT NULL,
    "OffsetHours" integer NOT NULL,
    "Channel" character varying(16) NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "Status" character varying(16) NOT NULL,
    "Attempts" integer NOT NULL,
    "ClaimedAt" timestamp with time zone,
    "SentAt" timestamp with time zone,
    "LastError" character varying(200),
    CONSTRAINT "PK_reminders" PRIMARY KEY ("Id")
);


CREATE TABLE scheduling.time_blocks (
    "DoctorId" uuid NOT NULL,
    "Granule" timestamp with time zone NOT NULL,
    "OwnerKind" character varying(16) NOT NULL,
    "OwnerId" uuid NOT NULL,
    "ExpiresAt" timestamp with time zone,
    CONSTRAINT "PK_time_blocks" PRIMARY KEY ("DoctorId", "Granule")
);


CREATE TABLE scheduling.waitlist_entries (
    "Id" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "DoctorId" uuid,
    "Specialty" character varying(64),
    "Kind" character varying(16) NOT NULL,
    "From" date NOT NULL,
    "To" date NOT NULL,
    "Status" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_waitlist_entries" PRIMARY KEY ("Id")
);


CREATE TABLE scheduling.waitlist_offers (
    "Id" uuid NOT NULL,
    "EntryId" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Start" timestamp with time zone NOT NULL,
    "End" timestamp with time zone NOT NULL,
    "BlockedFrom" timestamp with time zone NOT NULL,
    "BlockedUntil" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "Status" character varying(16) NOT NULL,
    "AppointmentId" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_waitlist_offers" PRIMARY KEY ("Id")
);


CREATE TABLE scheduling.weekly_hours (
    "Id" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "DayOfWeek" integer NOT NULL,
    "StartMinute" integer NOT NULL,
    "EndMinute" integer NOT NULL,
    CONSTRAINT "PK_weekly_hours" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_action_links_AppointmentId" ON scheduling.action_links ("AppointmentId");


CREATE INDEX "IX_appointments_ClinicId_Start" ON scheduling.appointments ("ClinicId", "Start");


CREATE INDEX "IX_appointments_DoctorId_Start" ON scheduling.appointments ("DoctorId", "Start");


CREATE INDEX "IX_appointments_PatientId_Start" ON scheduling.appointments ("PatientId", "Start");


CREATE INDEX "IX_availability_exceptions_DoctorId_Date" ON scheduling.availability_exceptions ("DoctorId", "Date");


CREATE UNIQUE INDEX "IX_calendar_feeds_TokenHash" ON scheduling.calendar_feeds ("TokenHash");


CREATE INDEX "IX_idempotency_records_CreatedAt" ON scheduling.idempotency_records ("CreatedAt");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON scheduling.outbox ("ProcessedAt", "CreatedAt");


CREATE UNIQUE INDEX "IX_reminders_AppointmentId_AppointmentStart_OffsetHours_Channel" ON scheduling.reminders ("AppointmentId", "AppointmentStart", "OffsetHours", "Channel");


CREATE INDEX "IX_reminders_Status_DueAt" ON scheduling.reminders ("Status", "DueAt");


CREATE INDEX "IX_time_blocks_OwnerId" ON scheduling.time_blocks ("OwnerId");


CREATE INDEX "IX_waitlist_entries_PatientId" ON scheduling.waitlist_entries ("PatientId");


CREATE INDEX "IX_waitlist_entries_Status_CreatedAt" ON scheduling.waitlist_entries ("Status", "CreatedAt");


CREATE UNIQUE INDEX "IX_waitlist_offers_EntryId_DoctorId_Start" ON scheduling.waitlist_offers ("EntryId", "DoctorId", "Start");


CREATE INDEX "IX_waitlist_offers_Status_ExpiresAt" ON scheduling.waitlist_offers ("Status", "ExpiresAt");


CREATE INDEX "IX_weekly_hours_DoctorId_ClinicId_DayOfWeek" ON scheduling.weekly_hours ("DoctorId", "ClinicId", "DayOfWeek");


