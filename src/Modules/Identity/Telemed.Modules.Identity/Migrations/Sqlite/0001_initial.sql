CREATE TABLE "identity_break_glass_grants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_identity_break_glass_grants" PRIMARY KEY,
    "DoctorUserId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "GrantedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL
);


CREATE TABLE "identity_care_relationships" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_identity_care_relationships" PRIMARY KEY,
    "DoctorUserId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ValidUntil" TEXT NULL
);


CREATE TABLE "identity_invitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_identity_invitations" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "InvitedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL
);


CREATE TABLE "identity_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_identity_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "identity_sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_identity_sessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "TokenHash" TEXT NULL,
    "MfaSatisfied" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    "EndedAt" TEXT NULL,
    "EndReason" TEXT NULL
);


CREATE TABLE "identity_users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_identity_users" PRIMARY KEY,
    "Email" TEXT NOT NULL,
    "EmailLookup" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "PreferredLanguage" TEXT NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NOT NULL,
    "ConcurrencyStamp" TEXT NOT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "LockoutEndUtc" TEXT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "AuthenticatorKey" TEXT NULL,
    "RecoveryCodes" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSignInAt" TEXT NULL
);


CREATE TABLE "identity_user_roles" (
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    CONSTRAINT "PK_identity_user_roles" PRIMARY KEY ("UserId", "Role"),
    CONSTRAINT "FK_identity_user_roles_identity_users_UserId" FOREIGN KEY ("UserId") REFERENCES "identity_users" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_identity_break_glass_grants_DoctorUserId_PatientId_ExpiresAt" ON "identity_break_glass_grants" ("DoctorUserId", "PatientId", "ExpiresAt");


CREATE UNIQUE INDEX "IX_identity_care_relationships_DoctorUserId_PatientId_Kind" ON "identity_care_relationships" ("DoctorUserId", "PatientId", "Kind");


CREATE UNIQUE INDEX "IX_identity_invitations_TokenHash" ON "identity_invitations" ("TokenHash");


CREATE INDEX "IX_identity_outbox_ProcessedAt_CreatedAt" ON "identity_outbox" ("ProcessedAt", "CreatedAt");


CREATE UNIQUE INDEX "IX_identity_sessions_TokenHash" ON "identity_sessions" ("TokenHash");


CREATE INDEX "IX_identity_sessions_UserId_EndedAt" ON "identity_sessions" ("UserId", "EndedAt");


CREATE INDEX "IX_identity_user_roles_Role" ON "identity_user_roles" ("Role");


CREATE UNIQUE INDEX "IX_identity_users_EmailLookup" ON "identity_users" ("EmailLookup");


