CREATE TABLE consultations.call_recordings (
    "Id" uuid NOT NULL,
    "ConsultationId" uuid NOT NULL,
    "RequestedByUserId" uuid NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "ConsentTextVersion" character varying(64) NOT NULL,
    "ConsentedByUserId" uuid NULL,
    "ConsentedAt" timestamp with time zone NULL,
    "StoppedAt" timestamp with time zone NULL,
    "StopReason" character varying(16) NULL,
    "Status" character varying(16) NOT NULL,
    "Room" bigint NULL,
    "RetainUntil" timestamp with time zone NULL,
    "DeletedAt" timestamp with time zone NULL,
    "ClaimedAt" timestamp with time zone NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_call_recordings" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_call_recordings_ConsultationId_RequestedAt" ON consultations.call_recordings ("ConsultationId", "RequestedAt");
CREATE INDEX "IX_call_recordings_Status_RetainUntil" ON consultations.call_recordings ("Status", "RetainUntil");

CREATE TABLE consultations.call_recording_tracks (
    "RecordingId" uuid NOT NULL,
    "Index" integer NOT NULL,
    "UserId" uuid NULL,
    "Screen" boolean NOT NULL,
    "DurationSeconds" double precision NOT NULL,
    "SizeBytes" bigint NOT NULL,
    "Parts" integer NOT NULL,
    CONSTRAINT "PK_call_recording_tracks" PRIMARY KEY ("RecordingId", "Index"),
    CONSTRAINT "FK_call_recording_tracks_call_recordings_RecordingId" FOREIGN KEY ("RecordingId") REFERENCES consultations.call_recordings ("Id") ON DELETE CASCADE
);

CREATE TABLE consultations.call_recording_policies (
    "ClinicId" uuid NOT NULL,
    "Allowed" boolean NOT NULL,
    "RetentionDays" integer NOT NULL,
    CONSTRAINT "PK_call_recording_policies" PRIMARY KEY ("ClinicId")
);

ALTER TABLE consultations.call_rooms ADD "PatientMayShareScreen" boolean NOT NULL DEFAULT FALSE;
