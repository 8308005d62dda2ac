-- Bulk data for the clinic analytics benchmark, on the host's own tables, in the formats the modules write
-- (enum names as text, DayOfWeek as .NET numbers it, movement types and settlement reasons as Billing's constants).
-- Run by run.sh with psql after the host has migrated and seeded the demo clinic:
--   psql -v doctors=1000 -v per_doctor=1000 -v on_demand=50000 -v complaint_json=… -v complaint_summary=… -v review_text=… -f generate.sql
-- Everything is INSERT … SELECT over generate_series: no per-row round trips. Rows go in in time order, as they
-- would arrive (a table's physical order follows its dates, as in a database that grew over two years).
--
-- Shape (defaults):
--   * :doctors active bench doctors ("Bench Doctor 00001" …), alternately at the demo's two clinics, one of 8 specialties
--     (every third a second one), 90 % billing in RUB and 10 % in EUR, two 4-hour sessions a week (weekly_hours).
--   * :per_doctor appointments each (1,000,000 in all), 30-minute video/chat visits placed on distinct slots of the
--     doctor's sessions over 104 weeks: 96 weeks back (~1.84 years) and 8 weeks ahead (~60 % of session slots taken).
--     Past: 81.5 % Completed, 13 % Cancelled, 5.5 % NoShow; future: Booked/Confirmed. Overall ≈ 75 / 12 / 5 / 8 %.
--   * A consultation for every completed appointment (the module creates one when the patient enters the waiting
--     room, so cancelled, no-show and upcoming visits have none), waiting 0–5 min before the start, accepted 0–10 min
--     after it, 12–30 min long; plus :on_demand on-demand consultations (no clinic, no appointment), 5 % abandoned.
--   * A captured payment (+ its 'captured' movement) per completed visit, 3 % refunded (half in full, half by half).
--   * A review with an NPS answer for ~20 % of completed visits.
\set ON_ERROR_STOP on
\timing on
SET client_min_messages = warning;
SET synchronous_commit = off;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
SELECT setseed(0.42);

CREATE SCHEMA IF NOT EXISTS bench;
DROP TABLE IF EXISTS bench.doctors, bench.appts, bench.ondemand;

BEGIN;
-- Doctors ------------------------------------------------------------------------------------------------------
CREATE TABLE bench.doctors AS
SELECT i, md5('analytics-doctor-' || i)::uuid AS id, md5('analytics-user-' || i)::uuid AS user_id,
       c."Id" AS clinic_id, c."TimeZone" AS tz,
       (ARRAY['general-practice', 'cardiology', 'dermatology', 'pediatrics', 'neurology', 'endocrinology', 'gynecology', 'psychiatry'])[1 + i % 8] AS specialty,
       CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'RUB' END AS currency,
       CASE WHEN i % 10 = 0 THEN 12000 + (i % 7) * 1000 ELSE 200000 + (i % 40) * 5000 END AS hourly_rate,
       1 + i % 6 AS dow1, 1 + (i + 3) % 6 AS dow2, 480 + (i % 3) * 240 AS start_minute
FROM generate_series(1, :doctors) AS i
JOIN (SELECT "Id", "TimeZone", row_number() OVER (ORDER BY "Name") - 1 AS k, count(*) OVER () AS n FROM directory.clinics) c ON c.k = i % c.n;

INSERT INTO directory.doctors ("Id", "UserId", "DisplayName", "NormalizedName", "QualificationCategory", "Education", "YearsOfExperience",
    "HourlyRateMinor", "Currency", "Bio", "PhotoUrl", "Status")
SELECT id, user_id, 'Bench Doctor ' || lpad(i::text, 5, '0'), 'BENCH DOCTOR ' || lpad(i::text, 5, '0'),
       (ARRAY['None', 'Second', 'First', 'Highest'])[1 + i % 4],
       '[{"Institution":"Sechenov University","Degree":"MD","Year":2010}]', 3 + i % 30, hourly_rate, currency,
       'A doctor seeded for the analytics benchmark.', NULL, 'Active'
FROM bench.doctors;

INSERT INTO directory.doctor_specialties ("DoctorId", "Code")
SELECT DISTINCT id, code FROM (
    SELECT id, specialty AS code FROM bench.doctors
    UNION ALL
    SELECT id, (ARRAY['general-practice', 'cardiology', 'dermatology', 'pediatrics', 'neurology', 'endocrinology', 'gynecology', 'psychiatry'])[1 + (i / 8 + 3) % 8]
    FROM bench.doctors WHERE i % 3 = 0) s;

INSERT INTO directory.doctor_languages ("DoctorId", "Code")
SELECT id, 'ru' FROM bench.doctors UNION ALL SELECT id, 'en' FROM bench.doctors WHERE i % 2 = 0;

INSERT INTO directory.doctor_clinics ("DoctorId", "ClinicId") SELECT id, clinic_id FROM bench.doctors;

-- Two 4-hour sessions a week, clinic time (DayOfWeek: Sunday = 0 … Saturday = 6).
INSERT INTO scheduling.weekly_hours ("Id", "DoctorId", "ClinicId", "DayOfWeek", "StartMinute", "EndMinute")
SELECT gen_random_uuid(), id, clinic_id, dow, start_minute, start_minute + 240
FROM bench.doctors CROSS JOIN LATERAL (VALUES (dow1), (dow2)) AS v(dow);
COMMIT;

-- Appointments (a work table first, then the real tables from it) ----------------------------------------------
-- Slot s of a doctor: week s / 16, session (s % 16) / 8, half hour s % 8 of it. 997 is prime to 1664 = 104 × 16,
-- so k ↦ (997k + 131i) mod 1664 gives :per_doctor distinct slots (up to 1664) spread over the 104 weeks.
CREATE UNLOGGED TABLE bench.appts AS
WITH base AS (SELECT (date_trunc('week', now() AT TIME ZONE 'UTC') - interval '96 weeks')::timestamp AS monday),
p AS (SELECT array_agg("Id" ORDER BY "Id") AS ids, array_agg("UserId" ORDER BY "Id") AS users, count(*)::int AS n FROM directory.patients),
slots AS (
    SELECT d.*, k, (997 * k + 131 * d.i) % 1664 AS s
    FROM bench.doctors d CROSS JOIN generate_series(0, :per_doctor - 1) AS k),
timed AS (
    SELECT s.*,
           (base.monday + make_interval(weeks => s / 16, days => CASE WHEN s % 16 < 8 THEN dow1 ELSE dow2 END - 1,
                                        mins => start_minute + (s % 8) * 30)) AT TIME ZONE tz AS start,
           p.ids[1 + (i * 7 + k) % p.n] AS patient_id, p.users[1 + (i * 7 + k) % p.n] AS patient_user_id
    FROM slots s CROSS JOIN base CROSS JOIN p)
SELECT row_number() OVER () AS n, gen_random_uuid() AS id, i AS doctor_i, t.id AS doctor_id, user_id AS doctor_user_id, clinic_id,
       specialty, currency, hourly_rate, patient_id, patient_user_id, start, start + interval '30 minutes' AS "end",
       CASE WHEN random() < 0.85 THEN 'Video' ELSE 'Chat' END AS kind,
       CASE WHEN start >= now() THEN CASE WHEN u < 0.6 THEN 'Booked' ELSE 'Confirmed' END
            WHEN u < 0.815 THEN 'Completed' WHEN u < 0.945 THEN 'Cancelled' ELSE 'NoShow' END AS status,
       random() AS u_created, random() AS u_wait, random() AS u_accept, random() AS u_length, random() AS u_refund,
       random() AS u_review, random() AS u_nps
FROM (SELECT timed.*, random() AS u FROM timed) t;

INSERT INTO scheduling.appointments ("Id", "DoctorId", "DoctorUserId", "PatientId", "PatientUserId", "ClinicId", "Kind", "Start", "End", "Status",
    "BookedBy", "CreatedAt", "ConfirmedAt", "CheckedInAt", "CompletedAt", "CancelledAt", "CancellationReason", "LateCancellation", "Version")
SELECT id, doctor_id, doctor_user_id, patient_id, patient_user_id, clinic_id, kind, start, "end", status,
       patient_user_id, start - make_interval(hours => 2 + (u_created * 500)::int),
       CASE WHEN status IN ('Confirmed', 'Completed', 'NoShow') THEN start - interval '1 day' END,
       CASE WHEN status = 'Completed' THEN start - make_interval(secs => u_wait * 300) END,
       CASE WHEN status = 'Completed' THEN start + make_interval(secs => u_accept * 600 + 720 + u_length * 1080) END,
       CASE WHEN status = 'Cancelled' THEN start - make_interval(hours => 1 + (u_created * 100)::int) END,
       NULL, status = 'Cancelled' AND u_created < 0.23,
       CASE status WHEN 'Booked' THEN 0 WHEN 'Confirmed' THEN 1 WHEN 'Cancelled' THEN 1 WHEN 'NoShow' THEN 2 ELSE 3 END
FROM bench.appts ORDER BY start;

-- Consultations ------------------------------------------------------------------------------------------------
INSERT INTO consultations.consultations ("Id", "Origin", "Kind", "Status", "PatientId", "PatientUserId", "DoctorId", "DoctorUserId", "AppointmentId",
    "ClinicId", "Specialty", "Priority", "TriageRuleCodes", "ComplaintJson", "ComplaintSummary", "ScheduledStart", "WindowEnd", "CreatedAt",
    "EnteredWaitingAt", "StartedAt", "EndedAt", "FailureReason", "FailureDetails", "Notes", "NotesUpdatedAt", "Escalated", "EscalatedAt", "Version")
SELECT md5('consultation-' || id)::uuid, 'Booked', kind, 'Completed', patient_id, patient_user_id, doctor_id, doctor_user_id, id,
       clinic_id, specialty, 'Standard', '', :'complaint_json', :'complaint_summary', start, "end",
       start - make_interval(secs => u_wait * 300),
       start - make_interval(secs => u_wait * 300),
       start + make_interval(secs => u_accept * 600),
       start + make_interval(secs => u_accept * 600 + 720 + u_length * 1080),
       NULL, NULL, NULL, NULL, false, NULL, 3
FROM bench.appts WHERE status = 'Completed' ORDER BY start;

-- On-demand requests: any doctor of the specialty takes them; waits of 30 s – 20 min; 5 % left before anyone accepted.
CREATE UNLOGGED TABLE bench.ondemand AS
SELECT gen_random_uuid() AS id, d.id AS doctor_id, d.user_id AS doctor_user_id, d.specialty,
       p.ids[1 + j % p.n] AS patient_id, p.users[1 + j % p.n] AS patient_user_id,
       now() - make_interval(secs => random() * 96 * 7 * 86400) AS entered, 30 + random() * 1170 AS wait_s, random() AS u
FROM generate_series(1, :on_demand) AS j
JOIN bench.doctors d ON d.i = 1 + (j * 37) % :doctors
CROSS JOIN (SELECT array_agg("Id" ORDER BY "Id") AS ids, array_agg("UserId" ORDER BY "Id") AS users, count(*)::int AS n FROM directory.patients) p;

INSERT INTO consultations.consultations ("Id", "Origin", "Kind", "Status", "PatientId", "PatientUserId", "DoctorId", "DoctorUserId", "AppointmentId",
    "ClinicId", "Specialty", "Priority", "TriageRuleCodes", "ComplaintJson", "ComplaintSummary", "ScheduledStart", "WindowEnd", "CreatedAt",
    "EnteredWaitingAt", "StartedAt", "EndedAt", "FailureReason", "FailureDetails", "Notes", "NotesUpdatedAt", "Escalated", "EscalatedAt", "Version")
SELECT id, 'OnDemand', 'Video', CASE WHEN u < 0.05 THEN 'Failed' ELSE 'Completed' END, patient_id, patient_user_id,
       CASE WHEN u >= 0.05 THEN doctor_id END, CASE WHEN u >= 0.05 THEN doctor_user_id END, NULL,
       NULL, specialty, 'Standard', '', :'complaint_json', :'complaint_summary', NULL, NULL, entered - interval '1 minute',
       entered,
       CASE WHEN u >= 0.05 THEN entered + make_interval(secs => wait_s) END,
       entered + make_interval(secs => wait_s + CASE WHEN u >= 0.05 THEN 900 ELSE 0 END),
       CASE WHEN u < 0.05 THEN 'PatientLeft' END, NULL, NULL, NULL, false, NULL, 3
FROM bench.ondemand ORDER BY entered;

-- Payments and movements ---------------------------------------------------------------------------------------
INSERT INTO billing.payments ("Id", "IdempotencyKey", "AppointmentId", "PatientId", "DoctorId", "DoctorUserId", "ClinicId", "Kind", "VisitStart",
    "Currency", "QuoteMinor", "QuotedMinutes", "HourlyRateMinor", "QualificationFactor", "IncrementMinutes", "MinimumChargeMinor",
    "LateCancellationFeePercent", "ExtensionAgreed", "Status", "Gateway", "IntentId", "ClientSecret", "AuthorisedMinor", "CapturedMinor",
    "RefundedMinor", "AmountDueMinor", "BilledMinutes", "DeclineCode", "CardBrand", "CardLast4", "SettlementReason", "CreatedAt", "UpdatedAt", "Version")
SELECT md5('payment-' || id)::uuid, 'bench-' || id, id, patient_id, doctor_id, doctor_user_id, clinic_id, lower(kind), start,
       currency, hourly_rate / 2, 30, hourly_rate, 1.000, 5, 0, 50, false,
       CASE WHEN u_refund < 0.015 THEN 'Refunded' WHEN u_refund < 0.03 THEN 'PartiallyRefunded' ELSE 'Captured' END,
       'sandbox', 'pi_bench_' || n, NULL, hourly_rate / 2, hourly_rate / 2,
       CASE WHEN u_refund < 0.015 THEN hourly_rate / 2 WHEN u_refund < 0.03 THEN hourly_rate / 4 ELSE 0 END,
       0, 30, NULL, 'visa', '4242',
       CASE WHEN u_refund < 0.015 THEN 'technicalFailure' WHEN u_refund < 0.03 THEN 'refundedByAdmin' ELSE 'visit' END,
       start - make_interval(hours => 2 + (u_created * 500)::int), start + interval '2 hours', 2
FROM bench.appts WHERE status = 'Completed' ORDER BY start;

INSERT INTO billing.payment_movements ("Id", "PaymentId", "ClinicId", "DoctorId", "Type", "AmountMinor", "Currency", "Reason", "At", "GatewayReference")
SELECT md5('captured-' || id)::uuid, md5('payment-' || id)::uuid, clinic_id, doctor_id, 'captured', hourly_rate / 2, currency, 'visit',
       start + make_interval(secs => u_accept * 600 + 720 + u_length * 1080), 'pi_bench_' || n
FROM bench.appts WHERE status = 'Completed'
UNION ALL
SELECT md5('refunded-' || id)::uuid, md5('payment-' || id)::uuid, clinic_id, doctor_id, 'refunded',
       CASE WHEN u_refund < 0.015 THEN hourly_rate / 2 ELSE hourly_rate / 4 END, currency,
       CASE WHEN u_refund < 0.015 THEN 'technicalFailure' ELSE 'refundedByAdmin' END,
       start + make_interval(days => 1 + (u_nps * 9)::int), 're_bench_' || n
FROM bench.appts WHERE status = 'Completed' AND u_refund < 0.03
ORDER BY 9;

-- Reviews with an NPS answer: 55 % promoters (9–10), 25 % passives (7–8), 20 % detractors (0–6) ----------------
INSERT INTO feedback.reviews ("Id", "ConsultationId", "PatientId", "PatientUserId", "AuthorUserId", "DoctorUserId", "DoctorId", "ClinicId",
    "Stars", "Text", "Nps", "CreatedAt", "Hidden", "HiddenReason", "HiddenByUserId", "HiddenAt", "Version")
SELECT md5('review-' || id)::uuid, md5('consultation-' || id)::uuid, patient_id, patient_user_id, patient_user_id, doctor_user_id, doctor_id, clinic_id,
       CASE WHEN u_nps < 0.55 THEN 5 WHEN u_nps < 0.8 THEN 4 WHEN u_nps < 0.9 THEN 3 ELSE 1 + (u_nps * 10)::int % 2 END,
       :'review_text',
       CASE WHEN u_nps < 0.55 THEN 9 + (u_nps * 100)::int % 2 WHEN u_nps < 0.8 THEN 7 + (u_nps * 100)::int % 2 ELSE (u_nps * 1000)::int % 7 END,
       start + make_interval(hours => 1 + (u_created * 48)::int), false, NULL, NULL, NULL, 0
FROM bench.appts WHERE status = 'Completed' AND u_review < 0.2 ORDER BY start;

DROP TABLE bench.appts, bench.ondemand;

-- Roll-up marks: the host marks the UTC days a change touches, in the change's own transaction. Rows written here by SQL get
-- the same marks, so the modules' refreshers build the analytics roll-ups from them (run.sh waits until they have).
INSERT INTO scheduling.rollup_marks ("Id", "Day")
SELECT gen_random_uuid(), d FROM (SELECT DISTINCT ("Start" AT TIME ZONE 'UTC')::date AS d FROM scheduling.appointments) days;
INSERT INTO consultations.rollup_marks ("Id", "Day")
SELECT gen_random_uuid(), d FROM (
    SELECT ("ScheduledStart" AT TIME ZONE 'UTC')::date AS d FROM consultations.consultations WHERE "ScheduledStart" IS NOT NULL
    UNION SELECT ("CreatedAt" AT TIME ZONE 'UTC')::date FROM consultations.consultations
    UNION SELECT ("EnteredWaitingAt" AT TIME ZONE 'UTC')::date FROM consultations.consultations WHERE "EnteredWaitingAt" IS NOT NULL) days;
INSERT INTO billing.rollup_marks ("Id", "Day")
SELECT gen_random_uuid(), d FROM (SELECT DISTINCT ("At" AT TIME ZONE 'UTC')::date AS d FROM billing.payment_movements) days;

VACUUM ANALYZE directory.doctors, directory.doctor_specialties, directory.doctor_clinics, directory.doctor_languages, scheduling.weekly_hours,
    scheduling.appointments, consultations.consultations, billing.payments, billing.payment_movements, feedback.reviews;
