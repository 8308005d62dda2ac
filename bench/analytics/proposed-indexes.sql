-- The indexes the first analytics run proposed. They are now in the modules' migrations (scheduling 0004, consultations 0004,
-- billing 0002, feedback 0002) under their own names; PROPOSED=1 only adds redundant copies, kept to reproduce the first run.
-- Each turns a sequential scan of a whole table (the statement's WHERE is a time range, with or without a clinic) into
-- a range scan, index-only where the INCLUDE columns cover what the statement reads.
\set ON_ERROR_STOP on
\timing on
SET maintenance_work_mem = '512MB';

-- Scheduling (VisitAnalyticsReader: by day and by doctor). IX_appointments_ClinicId_Start serves one clinic only, and
-- needs the heap for Status/DoctorId/End; "all clinics" had no usable index at all.
CREATE INDEX "IX_appointments_Start_analytics" ON scheduling.appointments ("Start") INCLUDE ("ClinicId", "DoctorId", "Status", "End");
CREATE INDEX "IX_appointments_ClinicId_Start_analytics" ON scheduling.appointments ("ClinicId", "Start") INCLUDE ("DoctorId", "Status", "End");

-- Consultations (ConsultationAnalyticsReader: waits by EnteredWaitingAt, specialties by ScheduledStart or, for on-demand
-- requests, CreatedAt — the OR becomes a BitmapOr of the two).
CREATE INDEX "IX_consultations_EnteredWaitingAt_analytics" ON consultations.consultations ("EnteredWaitingAt") INCLUDE ("StartedAt", "ClinicId")
    WHERE "StartedAt" IS NOT NULL;
CREATE INDEX "IX_consultations_ScheduledStart_analytics" ON consultations.consultations ("ScheduledStart") INCLUDE ("ClinicId", "Specialty", "Status");
CREATE INDEX "IX_consultations_CreatedAt_unscheduled_analytics" ON consultations.consultations ("CreatedAt") INCLUDE ("ClinicId", "Specialty", "Status")
    WHERE "ScheduledStart" IS NULL;

-- Billing (RevenueAnalyticsReader: three scans of the period's movements, one joined to payments for the doctor).
CREATE INDEX "IX_payment_movements_At_analytics" ON billing.payment_movements ("At") INCLUDE ("Type", "Currency", "AmountMinor", "ClinicId", "PaymentId");
CREATE INDEX "IX_payments_Id_DoctorId_analytics" ON billing.payments ("Id") INCLUDE ("DoctorId");

-- Feedback (FeedbackFiguresReader.NpsInPeriodAsync). IX_reviews_Hidden_CreatedAt leads with Hidden, which the query does not filter on.
CREATE INDEX "IX_reviews_CreatedAt_nps_analytics" ON feedback.reviews ("CreatedAt") INCLUDE ("DoctorId", "Nps", "ClinicId") WHERE "Nps" IS NOT NULL;

VACUUM ANALYZE scheduling.appointments, consultations.consultations, billing.payment_movements, billing.payments, feedback.reviews;
