CREATE TABLE "consultations_call_recordings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_call_recordings" PRIMARY KEY,
    "ConsultationId" TEXT NOT NULL,
    "RequestedByUserId" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "ConsentTextVersion" TEXT NOT NULL,
    "ConsentedByUserId" TEXT NULL,
    "ConsentedAt" TEXT NULL,
    "StoppedAt" TEXT NULL,
    "StopReason" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Room" INTEGER NULL,
    "RetainUntil" TEXT NULL,
    "DeletedAt" TEXT NULL,
    "ClaimedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_consultations_call_recordings_ConsultationId_RequestedAt" ON "consultations_call_recordings" ("ConsultationId", "RequestedAt");
CREATE INDEX "IX_consultations_call_recordings_Status_RetainUntil" ON "consultations_call_recordings" ("Status", "RetainUntil");

CREATE TABLE "consultations_call_recording_tracks" (
    "RecordingId" TEXT NOT NULL,
    "Index" INTEGER NOT NULL,
    "UserId" TEXT NULL,
    "Screen" INTEGER NOT NULL,
    "DurationSeconds" REAL NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "Parts" INTEGER NOT NULL,
    CONSTRAINT "PK_consultations_call_recording_tracks" PRIMARY KEY ("RecordingId", "Index"),
    CONSTRAINT "FK_consultations_call_recording_tracks_consultations_call_recordings_RecordingId" FOREIGN KEY ("RecordingId") REFERENCES "consultations_call_recordings" ("Id") ON DELETE CASCADE
);

CREATE TABLE "consultations_call_recording_policies" (
    "ClinicId" TEXT NOT NULL CONSTRAINT "PK_consultations_call_recording_policies" PRIMARY KEY,
    "Allowed" INTEGER NOT NULL,
    "RetentionDays" INTEGER NOT NULL
);

ALTER TABLE "consultations_call_rooms" ADD "PatientMayShareScreen" INTEGER NOT NULL DEFAULT 0;
