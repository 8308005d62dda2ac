DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'privacy') THEN
        CREATE SCHEMA privacy;
    END IF;
END $EF$;


CREATE TABLE privacy.consent_decisions (
    "Id" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Version" integer NOT NULL,
    "Given" boolean NOT NULL,
    "DecidedAt" timestamp with time zone NOT NULL,
    "DecidedByUserId" uuid NOT NULL,
    CONSTRAINT "PK_consent_decisions" PRIMARY KEY ("Id")
);


CREATE TABLE privacy.consent_texts (
    "Id" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Version" integer NOT NULL,
    "TextEn" character varying(8000) NOT NULL,
    "TextRu" character varying(8000) NOT NULL,
    "PublishedAt" timestamp with time zone NOT NULL,
    "PublishedByUserId" uuid,
    CONSTRAINT "PK_consent_texts" PRIMARY KEY ("Id")
);


CREATE TABLE privacy.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_consent_decisions_PatientId_Kind_DecidedAt" ON privacy.consent_decisions ("PatientId", "Kind", "DecidedAt");


CREATE UNIQUE INDEX "IX_consent_texts_Kind_Version" ON privacy.consent_texts ("Kind", "Version");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON privacy.outbox ("ProcessedAt", "CreatedAt");

-- Version 1 of every consent text, so patients can answer from the first start; admins publish newer versions.
INSERT INTO privacy.consent_texts ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193f3a0-0000-7000-8000-000000000001', 'treatment', 1, 'I agree to receive medical care from the clinic, including remote consultations by video and chat, after my doctor has explained the purpose, the method and the risks of what is proposed. I may refuse or stop at any time.', 'Я даю согласие на медицинское вмешательство в клинике, включая дистанционные консультации по видео и в чате, после того как врач объяснил цель, метод и риски предлагаемого. Я вправе отказаться или прекратить в любой момент.', TIMESTAMPTZ '2026-11-30 00:00:00+00', NULL);
INSERT INTO privacy.consent_texts ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193f3a0-0000-7000-8000-000000000002', 'dataProcessing', 1, 'I agree that the clinic processes my personal and health data to provide and document my care, as described in the privacy notice. I may withdraw this consent; records the law requires the clinic to keep are kept.', 'Я даю согласие на обработку моих персональных данных, включая сведения о здоровье, для оказания и документирования медицинской помощи, как описано в политике конфиденциальности. Я могу отозвать согласие; документы, которые клиника обязана хранить по закону, сохраняются.', TIMESTAMPTZ '2026-11-30 00:00:00+00', NULL);
INSERT INTO privacy.consent_texts ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193f3a0-0000-7000-8000-000000000003', 'recording', 1, 'I agree that my video consultations and chats may be recorded and kept encrypted in my medical record.', 'Я даю согласие на запись моих видеоконсультаций и переписки и их хранение в зашифрованном виде в моей медицинской документации.', TIMESTAMPTZ '2026-11-30 00:00:00+00', NULL);
INSERT INTO privacy.consent_texts ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193f3a0-0000-7000-8000-000000000004', 'notifications', 1, 'I agree to receive appointment reminders and messages from the clinic by e-mail and SMS.', 'Я даю согласие на получение напоминаний о приёмах и сообщений клиники по электронной почте и SMS.', TIMESTAMPTZ '2026-11-30 00:00:00+00', NULL);
