-- Why the clinic cancelled a visit, when the system decided it (a day off over booked visits): a code the web app and the
-- patient's notices put in the reader's language, instead of an English sentence in "CancellationReason" (which stays for the
-- reason a person typed). Appointments.CancellationCodes lists the codes; nullable, so adding it rewrites no row.
ALTER TABLE "scheduling_appointments" ADD COLUMN "CancellationCode" TEXT NULL;
