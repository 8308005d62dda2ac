import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  DURATIONS,
  MAX_DESCRIPTION,
  type BodyView,
  type ComplaintDraft,
  type ComplaintForm as Complaint,
  type Duration,
} from "../../shared/api/consultations";
import { CheckboxField, SelectField, TextAreaField } from "../../shared/ui/fields";
import { BodyMap } from "./BodyMap";
import { sortRegions, viewOfRegion } from "./bodyMap";
import { useCatalogue } from "./common";
import { EmergencyAdvice } from "./EmergencyAdvice";
import { PhotoUpload, type PhotoItem } from "./PhotoUpload";
import { useTriage } from "./useTriage";
import "./consultations.css";
import { BusyButton } from "../../shared/ui/BusyButton";

export interface ComplaintFormProps {
  /** The submit button's text ("Enter the waiting room", "Find a doctor now"). */
  submitLabel: string;
  submittingLabel: string;
  submitting?: boolean;
  onSubmit: (complaint: Complaint) => void;
  /** Fields shown before the complaint (specialty and kind of an on-demand request). */
  children?: ReactNode;
  /** Problems of the extra fields (empty when fine): listed after a submit attempt, and they block it. */
  extraErrors?: readonly string[];
  /** Called when a submit attempt finds problems (the page then marks its own fields). */
  onInvalid?: () => void;
  /** Shown just above the submit button (the server's answer to the submission). */
  footer?: ReactNode;
  initial?: Partial<Complaint>;
  /** Called whenever the patient changes an answer (not on the first render), e.g. to keep a draft on the server. */
  onChange?: (draft: ComplaintDraft) => void;
}

type FieldKey = "regions" | "severity" | "duration" | "uploading";

export function severityWord(value: number): "mild" | "moderate" | "severe" {
  return value <= 3 ? "mild" : value <= 6 ? "moderate" : "severe";
}

/**
 * The complaint a patient sends with every request to see a doctor: body map, severity, duration,
 * symptoms, description and photos. Triage runs while the patient edits; an emergency shows advice
 * with tel: links and keeps the request out of the queue.
 */
export function ComplaintForm({
  submitLabel,
  submittingLabel,
  submitting,
  onSubmit,
  children,
  extraErrors = [],
  onInvalid,
  footer,
  initial,
  onChange,
}: ComplaintFormProps) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const ids = { severity: useId(), severityHint: useId(), regionsError: useId(), submitHint: useId(), symptomsHint: useId() };
  const summaryRef = useRef<HTMLDivElement>(null);

  const [regions, setRegions] = useState<string[]>(() => sortRegions(initial?.regions ?? []));
  const [view, setView] = useState<BodyView>(() => (initial?.regions?.[0] ? viewOfRegion(initial.regions[0]) : "front"));
  const [severity, setSeverity] = useState<number | null>(initial?.severity ?? null);
  const [duration, setDuration] = useState<Duration | "">(initial?.duration ?? "");
  const [symptoms, setSymptoms] = useState<string[]>(initial?.symptoms ?? []);
  const [description, setDescription] = useState(initial?.description ?? "");
  // Photos of a saved draft come back as uploaded ones, so they go in with the complaint when the room opens.
  const [photos, setPhotos] = useState<PhotoItem[]>(() =>
    (initial?.photoIds ?? []).map((id, index) => ({
      key: `saved-${id}`,
      name: t("consultations.photos.saved", { n: index + 1 }),
      status: "done" as const,
      attachment: { id, contentType: "image/*", size: 0 },
    })),
  );
  const [attempted, setAttempted] = useState(false);

  const photoIds = photos.flatMap((p) => (p.status === "done" && p.attachment ? [p.attachment.id] : []));
  const draft: ComplaintDraft = {
    regions,
    ...(severity !== null ? { severity } : {}),
    ...(duration ? { duration } : {}),
    symptoms,
    description: description.trim(),
    photoIds,
  };
  // The triage check takes a whole complaint (the API refuses one without its severity or duration with 400 request.invalid):
  // it runs once something is picked and both are set, instead of failing on every change before that.
  const triage = useTriage(draft, (regions.length > 0 || symptoms.length > 0) && severity !== null && !!duration);
  const draftJson = JSON.stringify(draft);
  const lastReported = useRef(draftJson);
  const reportChange = useRef(onChange);
  useEffect(() => {
    reportChange.current = onChange;
  });
  useEffect(() => {
    if (draftJson === lastReported.current) return;
    lastReported.current = draftJson;
    reportChange.current?.(JSON.parse(draftJson) as ComplaintDraft);
  }, [draftJson]);
  const emergency = triage.result?.level === "emergency" ? triage.result : null;

  const errors: Partial<Record<FieldKey, string>> = {};
  if (regions.length === 0) errors.regions = t("consultations.form.errors.regions");
  if (severity === null) errors.severity = t("consultations.form.errors.severity");
  if (!duration) errors.duration = t("consultations.form.errors.duration");
  if (photos.some((p) => p.status === "uploading")) errors.uploading = t("consultations.form.errors.uploading");
  const shown = attempted ? errors : {};

  const toggleRegion = (code: string) =>
    setRegions((old) => (old.includes(code) ? old.filter((c) => c !== code) : sortRegions([...old, code])));
  const toggleSymptom = (code: string, on: boolean) =>
    setSymptoms((old) => (on ? (old.includes(code) ? old : [...old, code]) : old.filter((c) => c !== code)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (submitting || emergency) return;
    setAttempted(true);
    if (extraErrors.length > 0 || Object.keys(errors).length > 0) {
      onInvalid?.();
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    onSubmit({
      regions,
      severity: severity!,
      duration: duration as Duration,
      symptoms,
      description: description.trim(),
      photoIds,
    });
  };

  const summary = attempted ? [...extraErrors, ...Object.values(errors)] : [];
  const severityText =
    severity === null
      ? t("consultations.form.severityNotSet")
      : t("consultations.form.severityValue", { value: severity, word: t(`consultations.form.severityWords.${severityWord(severity)}`) });
  const setSeverityFrom = (value: string) => {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1 && n <= 10) setSeverity(n);
  };

  return (
    <form className="complaint-form stack" noValidate onSubmit={submit} aria-label={t("consultations.form.title")}>
      {children}

      <div className="complaint-layout">
        <fieldset className={`complaint-section${shown.regions ? " complaint-section--invalid" : ""}`}>
          <legend>{t("consultations.form.whereLabel")}</legend>
          <p className="field-hint">{t("consultations.form.whereHint")}</p>
          <BodyMap
            view={view}
            onViewChange={setView}
            selected={regions}
            onToggle={toggleRegion}
            labelOf={catalogue.regionLabel}
            invalid={!!shown.regions}
            describedBy={shown.regions ? ids.regionsError : undefined}
          />
          {shown.regions ? (
            <p className="field-error" id={ids.regionsError}>
              {shown.regions}
            </p>
          ) : null}
        </fieldset>
        <div className="complaint-layout__side stack">
          <div className="complaint-grid">
            <div className={`field severity-field${shown.severity ? " field--invalid" : ""}`}>
              <label htmlFor={ids.severity}>{t("consultations.form.severity")}</label>
              <div className={`severity-control${severity === null ? " severity-control--unset" : ""}`}>
                <input
                  id={ids.severity}
                  type="range"
                  min={1}
                  max={10}
                  step={1}
                  value={severity ?? 5}
                  aria-valuetext={severityText}
                  aria-invalid={shown.severity ? true : undefined}
                  aria-describedby={`${ids.severityHint}${shown.severity ? ` ${ids.severity}-error` : ""}`}
                  onChange={(e) => setSeverityFrom(e.target.value)}
                  onClick={(e) => setSeverityFrom(e.currentTarget.value)}
                  data-severity-level={severity === null ? "unset" : severityWord(severity)}
                />
                <output htmlFor={ids.severity} className="severity-value" data-testid="severity-value" aria-hidden="true">
                  {severity === null ? t("consultations.form.severityNotSet") : `${severity}/10`}
                </output>
              </div>
              <div className="severity-scale" aria-hidden="true">
                <span>1</span>
                <span>{severity === null ? "" : t(`consultations.form.severityWords.${severityWord(severity)}`)}</span>
                <span>10</span>
              </div>
              <p className="field-hint" id={ids.severityHint}>
                {t("consultations.form.severityHint")}
              </p>
              {shown.severity ? (
                <p className="field-error" id={`${ids.severity}-error`}>
                  {shown.severity}
                </p>
              ) : null}
            </div>

            <SelectField
              label={t("consultations.form.duration")}
              value={duration}
              onChange={(e) => setDuration(e.target.value as Duration | "")}
              error={shown.duration ? { message: shown.duration, type: "server" } : undefined}
              options={[
                { value: "", label: t("consultations.form.durationPlaceholder") },
                ...DURATIONS.map((d) => ({ value: d, label: t(`consultations.durations.${d}`) })),
              ]}
            />
          </div>
          <fieldset className="complaint-section" aria-describedby={ids.symptomsHint}>
            <legend>{t("consultations.form.symptoms")}</legend>
            <p className="field-hint" id={ids.symptomsHint}>
              {t("consultations.form.symptomsHint")}
            </p>
            <div className="symptom-grid">
              {catalogue.symptoms.map((code) => (
                <CheckboxField
                  key={code}
                  label={catalogue.symptomLabel(code)}
                  checked={symptoms.includes(code)}
                  onChange={(e) => toggleSymptom(code, e.target.checked)}
                  data-symptom={code}
                />
              ))}
            </div>
          </fieldset>
        </div>
      </div>

      {emergency ? <EmergencyAdvice triage={emergency} /> : null}
      {!emergency && triage.result?.level === "urgent" ? (
        <div className="alert alert--warning" role="status" data-testid="triage-level" data-level="urgent">
          <p>{t("consultations.form.urgentNotice")}</p>
        </div>
      ) : null}

      <div>
        <TextAreaField
          dir="auto"
          label={t("consultations.form.description")}
          hint={t("consultations.form.descriptionHint")}
          rows={4}
          maxLength={MAX_DESCRIPTION}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {description.length > MAX_DESCRIPTION - 500 ? (
          <p className="field-hint complaint-counter" aria-live="polite">
            {t("consultations.form.charactersLeft", { count: MAX_DESCRIPTION - description.length })}
          </p>
        ) : null}
      </div>

      <PhotoUpload items={photos} setItems={setPhotos} />

      {summary.length > 0 ? (
        <div className="alert alert--error" role="alert" tabIndex={-1} ref={summaryRef} data-testid="complaint-errors">
          <p>{t("consultations.form.fixProblems")}</p>
          <ul className="alert__list">
            {summary.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {footer}

      <div className="complaint-submit">
        <BusyButton
          type="submit"
          className="button button--large"
          busy={!!submitting} disabled={!!emergency} busyLabel={submittingLabel}
          aria-describedby={emergency ? ids.submitHint : undefined}
        >
          {submitLabel}
        </BusyButton>
        {emergency ? (
          <p className="field-hint" id={ids.submitHint}>
            {t("consultations.form.submitDisabledEmergency")}
          </p>
        ) : triage.checking ? (
          <p className="field-hint complaint-checking">
            {t("consultations.form.checking")}
          </p>
        ) : null}
      </div>
    </form>
  );
}
