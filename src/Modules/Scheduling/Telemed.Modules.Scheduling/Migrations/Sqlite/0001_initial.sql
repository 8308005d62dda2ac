CREATE TABLE "scheduling_action_links" (
    "TokenHash" TEXT NOT NULL CONSTRAINT "PK_scheduling_action_links" PRIMARY KEY,
    "AppointmentId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL
);


CREATE TABLE "scheduling_appointment_types" (
    "DoctorId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "DurationMinutes" INTEGER NOT NULL,
    "BufferBeforeMinutes" INTEGER NOT NULL,
    "BufferAfterMinutes" INTEGER NOT NULL,
    "MinimumNoticeMinutes" INTEGER NOT NULL,
    "MaximumHorizonDays" INTEGER NOT NULL,
    "Enabled" INTEGER NOT NULL,
    CONSTRAINT "PK_scheduling_appointment_types" PRIMARY KEY ("DoctorId", "Kind")
);


CREATE TABLE "scheduling_appointments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_appointments" PRIMARY KEY,
    "DoctorId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Start" TEXT NOT NULL,
    "End" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "BookedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    "CheckedInAt" TEXT NULL,
    "CompletedAt" TEXT NULL,
    "CancelledAt" TEXT NULL,
    "CancellationReason" TEXT NULL,
    "LateCancellation" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "scheduling_availability_exceptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_availability_exceptions" PRIMARY KEY,
    "DoctorId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "StartMinute" INTEGER NULL,
    "EndMinute" INTEGER NULL
);


CREATE TABLE "scheduling_calendar_feeds" (
    "DoctorId" TEXT NOT NULL CONSTRAINT "PK_scheduling_calendar_feeds" PRIMARY KEY,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "scheduling_clinic_policies" (
    "ClinicId" TEXT NOT NULL CONSTRAINT "PK_scheduling_clinic_policies" PRIMARY KEY,
    "CancellationCutoffHours" INTEGER NOT NULL,
    "ReminderOffsetsHours" TEXT NOT NULL,
    "WaitlistHoldMinutes" INTEGER NOT NULL
);


CREATE TABLE "scheduling_idempotency_records" (
    "UserId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "AppointmentId" TEXT NULL,
    "StatusCode" INTEGER NOT NULL,
    "ErrorCode" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_scheduling_idempotency_records" PRIMARY KEY ("UserId", "Key")
);


CREATE TABLE "scheduling_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "scheduling_reminders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_reminders" PRIMARY KEY,
    "AppointmentId" TEXT NOT NULL,
    "AppointmentStart" TEXT NOT NULL,
    "OffsetHours" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "DueAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "ClaimedAt" TEXT NULL,
    "SentAt" TEXT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "scheduling_time_blocks" (
    "DoctorId" TEXT NOT NULL,
    "Granule" TEXT NOT NULL,
    "OwnerKind" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    CONSTRAINT "PK_scheduling_time_blocks" PRIMARY KEY ("DoctorId", "Granule")
);


CREATE TABLE "scheduling_waitlist_entries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_waitlist_entries" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "DoctorId" TEXT NULL,
    "Specialty" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "scheduling_waitlist_offers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_waitlist_offers" PRIMARY KEY,
    "EntryId" TEXT NOT NULL,
    "DoctorId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Start" TEXT NOT NULL,
    "End" TEXT NOT NULL,
    "BlockedFrom" TEXT NOT NULL,
    "BlockedUntil" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AppointmentId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "scheduling_weekly_hours" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_weekly_hours" PRIMARY KEY,
    "DoctorId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "DayOfWeek" INTEGER NOT NULL,
    "StartMinute" INTEGER NOT NULL,
    "EndMinute" INTEGER NOT NULL
);


CREATE INDEX "IX_scheduling_action_links_AppointmentId" ON "scheduling_action_links" ("AppointmentId");


CREATE INDEX "IX_scheduling_appointments_ClinicId_Start" ON "scheduling_appointments" ("ClinicId", "Start");


CREATE INDEX "IX_scheduling_appointments_DoctorId_Start" ON "scheduling_appointments" ("DoctorId", "Start");


CREATE INDEX "IX_scheduling_appointments_PatientId_Start" ON "scheduling_appointments" ("PatientId", "Start");


CREATE INDEX "IX_scheduling_availability_exceptions_DoctorId_Date" ON "scheduling_availability_exceptions" ("DoctorId", "Date");


CREATE UNIQUE INDEX "IX_scheduling_calendar_feeds_TokenHash" ON "scheduling_calendar_feeds" ("TokenHash");


CREATE INDEX "IX_scheduling_idempotency_records_CreatedAt" ON "scheduling_idempotency_records" ("CreatedAt");


CREATE INDEX "IX_scheduling_outbox_ProcessedAt_CreatedAt" ON "scheduling_outbox" ("ProcessedAt", "CreatedAt");


CREATE UNIQUE INDEX "IX_scheduling_reminders_AppointmentId_AppointmentStart_OffsetHours_Channel" ON "scheduling_reminders" ("AppointmentId", "AppointmentStart", "OffsetHours", "Channel");


CREATE INDEX "IX_scheduling_reminders_Status_DueAt" ON "scheduling_reminders" ("Status", "DueAt");


CREATE INDEX "IX_scheduling_time_blocks_OwnerId" ON "scheduling_time_blocks" ("OwnerId");


CREATE INDEX "IX_scheduling_waitlist_entries_PatientId" ON "scheduling_waitlist_entries" ("PatientId");


CREATE INDEX "IX_scheduling_waitlist_entries_Status_CreatedAt" ON "scheduling_waitlist_entries" ("Status", "CreatedAt");


CREATE UNIQUE INDEX "IX_scheduling_waitlist_offers_EntryId_DoctorId_Start" ON "scheduling_waitlist_offers" ("EntryId", "DoctorId", "Start");


CREATE INDEX "IX_scheduling_waitlist_offers_Status_ExpiresAt" ON "scheduling_waitlist_offers" ("Status", "ExpiresAt");


CREATE INDEX "IX_scheduling_weekly_hours_DoctorId_ClinicId_DayOfWeek" ON "scheduling_weekly_hours" ("DoctorId", "ClinicId", "DayOfWeek");


