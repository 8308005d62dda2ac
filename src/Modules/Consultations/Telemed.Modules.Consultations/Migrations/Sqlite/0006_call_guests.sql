CREATE TABLE "consultations_call_guests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_call_guests" PRIMARY KEY,
    "ConsultationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "InvitedByUserId" TEXT NOT NULL,
    "InvitedAt" TEXT NOT NULL,
    "AdmittedAt" TEXT NULL,
    "RemovedAt" TEXT NULL
);

CREATE INDEX "IX_consultations_call_guests_ConsultationId_UserId" ON "consultations_call_guests" ("ConsultationId", "UserId");
CREATE INDEX "IX_consultations_call_guests_UserId_Status" ON "consultations_call_guests" ("UserId", "Status");

CREATE TABLE "consultations_call_rooms" (
    "ConsultationId" TEXT NOT NULL CONSTRAINT "PK_consultations_call_rooms" PRIMARY KEY,
    "RoomId" INTEGER NOT NULL,
    "OpenedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL
);

CREATE UNIQUE INDEX "IX_consultations_call_rooms_RoomId" ON "consultations_call_rooms" ("RoomId");
