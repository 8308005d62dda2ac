DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'identity') THEN
        CREATE SCHEMA identity;
    END IF;
END $EF$;


CREATE TABLE identity.break_glass_grants (
    "Id" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "Reason" text NOT NULL,
    "GrantedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_break_glass_grants" PRIMARY KEY ("Id")
);


CREATE TABLE identity.care_relationships (
    "Id" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ValidUntil" timestamp with time zone,
    CONSTRAINT "PK_care_relationships" PRIMARY KEY ("Id")
);


CREATE TABLE identity.invitations (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Role" character varying(32) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "InvitedBy" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "AcceptedAt" timestamp with time zone,
    CONSTRAINT "PK_invitations" PRIMARY KEY ("Id")
);


CREATE TABLE identity.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE identity.sessions (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "TokenHash" character varying(64),
    "MfaSatisfied" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    "EndedAt" timestamp with time zone,
    "EndReason" character varying(32),
    CONSTRAINT "PK_sessions" PRIMARY KEY ("Id")
);


CREATE TABLE identity.users (
    "Id" uuid NOT NULL,
    "Email" text NOT NULL,
    "EmailLookup" character varying(64) NOT NULL,
    "DisplayName" text NOT NULL,
    "PreferredLanguage" character varying(8) NOT NULL,
    "PasswordHash" text,
    "SecurityStamp" character varying(64) NOT NULL,
    "ConcurrencyStamp" character varying(64) NOT NULL,
    "EmailConfirmed" boolean NOT NULL,
    "LockoutEnabled" boolean NOT NULL,
    "LockoutEndUtc" timestamp with time zone,
    "AccessFailedCount" integer NOT NULL,
    "TwoFactorEnabled" boolean NOT NULL,
    "AuthenticatorKey" text,
    "RecoveryCodes" text,
    "Status" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastSignInAt" timestamp with time zone,
    CONSTRAINT "PK_users" PRIMARY KEY ("Id")
);


CREATE TABLE identity.user_roles (
    "UserId" uuid NOT NULL,
    "Role" character varying(32) NOT NULL,
    CONSTRAINT "PK_user_roles" PRIMARY KEY ("UserId", "Role"),
    CONSTRAINT "FK_user_roles_users_UserId" FOREIGN KEY ("UserId") REFERENCES identity.users ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_break_glass_grants_DoctorUserId_PatientId_ExpiresAt" ON identity.break_glass_grants ("DoctorUserId", "PatientId", "ExpiresAt");


CREATE UNIQUE INDEX "IX_care_relationships_DoctorUserId_PatientId_Kind" ON identity.care_relationships ("DoctorUserId", "PatientId", "Kind");


CREATE UNIQUE INDEX "IX_invitations_TokenHash" ON identity.invitations ("TokenHash");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON identity.outbox ("ProcessedAt", "CreatedAt");


CREATE UNIQUE INDEX "IX_sessions_TokenHash" ON identity.sessions ("TokenHash");


CREATE INDEX "IX_sessions_UserId_EndedAt" ON identity.sessions ("UserId", "EndedAt");


CREATE INDEX "IX_user_roles_Role" ON identity.user_roles ("Role");


CREATE UNIQUE INDEX "IX_users_EmailLookup" ON identity.users ("EmailLookup");


