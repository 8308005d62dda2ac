CREATE TABLE "privacy_consent_decisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_privacy_consent_decisions" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Given" INTEGER NOT NULL,
    "DecidedAt" TEXT NOT NULL,
    "DecidedByUserId" TEXT NOT NULL
);


CREATE TABLE "privacy_consent_texts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_privacy_consent_texts" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "TextEn" TEXT NOT NULL,
    "TextRu" TEXT NOT NULL,
    "PublishedAt" TEXT NOT NULL,
    "PublishedByUserId" TEXT NULL
);


CREATE TABLE "privacy_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_privacy_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_privacy_consent_decisions_PatientId_Kind_DecidedAt" ON "privacy_consent_decisions" ("PatientId", "Kind", "DecidedAt");


CREATE UNIQUE INDEX "IX_privacy_consent_texts_Kind_Version" ON "privacy_consent_texts" ("Kind", "Version");


CREATE INDEX "IX_privacy_outbox_ProcessedAt_CreatedAt" ON "privacy_outbox" ("ProcessedAt", "CreatedAt");

-- Version 1 of every consent text, so patients can answer from the first start; admins publish newer versions.
INSERT INTO "privacy_consent_texts" ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193F3A0-0000-7000-8000-000000000001', 'treatment', 1, 'I agree to receive medical care from the clinic, including remote consultations by video and chat, after my doctor has explained the purpose, the method and the risks of what is proposed. I may refuse or stop at any time.', 'Я даю согласие на медицинское вмешательство в клинике, включая дистанционные консультации по видео и в чате, после того как врач объяснил цель, метод и риски предлагаемого. Я вправе отказаться или прекратить в любой момент.', '2026-11-30 00:00:00', NULL);
INSERT INTO "privacy_consent_texts" ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193F3A0-0000-7000-8000-000000000002', 'dataProcessing', 1, 'I agree that the clinic processes my personal and health data to provide and document my care, as described in the privacy notice. I may withdraw this consent; records the law requires the clinic to keep are kept.', 'Я даю согласие на обработку моих персональных данных, включая сведения о здоровье, для оказания и документирования медицинской помощи, как описано в политике конфиденциальности. Я могу отозвать согласие; документы, которые клиника обязана хранить по закону, сохраняются.', '2026-11-30 00:00:00', NULL);
INSERT INTO "privacy_consent_texts" ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193F3A0-0000-7000-8000-000000000003', 'recording', 1, 'I agree that my video consultations and chats may be recorded and kept encrypted in my medical record.', 'Я даю согласие на запись моих видеоконсультаций и переписки и их хранение в зашифрованном виде в моей медицинской документации.', '2026-11-30 00:00:00', NULL);
INSERT INTO "privacy_consent_texts" ("Id", "Kind", "Version", "TextEn", "TextRu", "PublishedAt", "PublishedByUserId") VALUES ('0193F3A0-0000-7000-8000-000000000004', 'notifications', 1, 'I agree to receive appointment reminders and messages from the clinic by e-mail and SMS.', 'Я даю согласие на получение напоминаний о приёмах и сообщений клиники по электронной почте и SMS.', '2026-11-30 00:00:00', NULL);
