CREATE TABLE consultations.call_guests (
    "Id" uuid NOT NULL,
    "ConsultationId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Role" character varying(16) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "InvitedByUserId" uuid NOT NULL,
    "InvitedAt" timestamp with time zone NOT NULL,
    "AdmittedAt" timestamp with time zone NULL,
    "RemovedAt" timestamp with time zone NULL,
    CONSTRAINT "PK_call_guests" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_call_guests_ConsultationId_UserId" ON consultations.call_guests ("ConsultationId", "UserId");
CREATE INDEX "IX_call_guests_UserId_Status" ON consultations.call_guests ("UserId", "Status");

CREATE TABLE consultations.call_rooms (
    "ConsultationId" uuid NOT NULL,
    "RoomId" bigint NOT NULL,
    "OpenedAt" timestamp with time zone NOT NULL,
    "ClosedAt" timestamp with time zone NULL,
    CONSTRAINT "PK_call_rooms" PRIMARY KEY ("ConsultationId")
);

CREATE UNIQUE INDEX "IX_call_rooms_RoomId" ON consultations.call_rooms ("RoomId");
