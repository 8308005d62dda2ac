import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { SuccessMessage } from "../../shared/ui/feedback";
import { TextField } from "../../shared/ui/fields";
import { useProblemText } from "../../shared/ui/problemText";
import { SharingFields, type DoctorChoice } from "./SharingFields";
import { DOCUMENT_TYPES, recordApi, type DocumentType, type Sharing } from "./recordApi";
import { Form } from "../../shared/ui/Form";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";

const MAX_DESCRIPTION = 500;

/** Today as yyyy-MM-dd in the reader's own calendar (the date printed on a document is a local date). */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/**
 * The patient uploads a document: the file (PDF, JPEG or PNG; the server checks the content), its type, the date printed on it,
 * a description and who may see it. Every refusal reads as its own sentence (415 type, 413 size, invalid date, …). `patientId`: a
 * dependant's record the guardian uploads to (absent: the reader's own), `patientName` that dependant's given name for the sharing
 * choices.
 */
export function UploadDocumentForm({ doctors, patientId, patientName }: { doctors: DoctorChoice[]; patientId?: string; patientName?: string }) {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText("record");
  const queryClient = useQueryClient();
  const headingId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState<DocumentType>("lab_result");
  const [documentDate, setDocumentDate] = useState(today());
  const [description, setDescription] = useState("");
  const [sharing, setSharing] = useState<Sharing>("care_team");
  const [doctorUserId, setDoctorUserId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  // One key per upload (the file as chosen and the fields) until it is stored: sent again after an error or a lost answer, the
  // document is stored once.
  const uploadKey = useRequestKey();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!file) return setError(t("record.upload.fileRequired"));
    if (description.length > MAX_DESCRIPTION) return setError(t("record.errors.records.description_too_long"));
    if (sharing === "doctor" && !doctorUserId) return setError(t("record.sharing.pickDoctorFirst"));
    setBusy(true);
    setError(null);
    try {
      const input = { file, type, documentDate, description, sharing, doctorUserId };
      const content = JSON.stringify({ ...input, patientId, file: [file.name, file.size, file.lastModified] });
      await recordApi.upload(input, i18n.language, uploadKey.keyFor(content), patientId);
      uploadKey.done();
      setDone(true);
      setFile(null);
      setDescription("");
      if (fileInput.current) fileInput.current.value = "";
      await queryClient.invalidateQueries({ queryKey: ["record"] });
    } catch (e) {
      setError(problemText.withFields(e, "attachment"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("record.upload.title")}</h2>
      <Form className="stack" onSubmit={(e) => void submit(e)} data-testid="upload-form">
        <div className="field">
          <label htmlFor={`${headingId}-file`}>{t("record.upload.file")}</label>
          <input
            id={`${headingId}-file`}
            ref={fileInput}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={`${headingId}-file-hint`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <p className="field-hint" id={`${headingId}-file-hint`}>
            {t("record.upload.fileHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${headingId}-type`}>{t("record.upload.type")}</label>
          <select id={`${headingId}-type`} className="input" value={type} onChange={(e) => setType(e.target.value as DocumentType)}>
            {DOCUMENT_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`record.types.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField id={`${headingId}-date`} label={t("record.upload.date")} type="date" value={documentDate} max={today()} onChange={(e) => setDocumentDate(e.target.value)} />
        <div className="field">
          <label htmlFor={`${headingId}-description`}>{t("record.upload.description")}</label>
          <textarea
            id={`${headingId}-description`}
            dir="auto"
            className="input"
            rows={2}
            maxLength={MAX_DESCRIPTION}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <SharingFields
          sharing={sharing}
          doctorUserId={doctorUserId}
          doctors={doctors}
          onSharing={setSharing}
          onDoctor={setDoctorUserId}
          patientName={patientName}
        />
        {error ? (
          <p className="alert alert--error" role="alert" data-testid="upload-error">
            {error}
          </p>
        ) : null}
        {done ? <SuccessMessage>{t("record.upload.done")}</SuccessMessage> : null}
        <div>
          <BusyButton type="submit" className="button" busy={busy} busyLabel={t("record.upload.uploading")}>
            {t("record.upload.submit")}
          </BusyButton>
        </div>
      </Form>
    </section>
  );
}
