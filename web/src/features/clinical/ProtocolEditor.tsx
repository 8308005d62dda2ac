import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useProblemText } from "../../shared/ui/problemText";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { FieldErrorList } from "../../shared/ui/fieldErrors";
import { clinicalApi, type DiagnosisCertainty, type DiagnosisRole, type ReferralKind, type VisitProtocol } from "./clinicalApi";
import { Icd10Combobox, icd10Title } from "./Icd10Combobox";
import { useProtocolAutosave, type ProtocolForm, type SaveState } from "./useProtocolAutosave";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";
import { isApiError } from "../../shared/api/errors";
import { useSpecialties } from "../patient/useSpecialties";

const TEXT_SECTIONS = ["complaints", "historyOfPresentIllness", "objectiveFindings", "recommendations"] as const;
const REFERRAL_KINDS: ReferralKind[] = ["specialist", "inPersonVisit", "labTest"];

// The API takes at most this many referrals and diagnoses.
const MAX_REFERRALS = 12;
const MAX_DIAGNOSES = 12;

/** The refusals the server names on a referral's target (`referrals[i].target`). */
const REFERRAL_TARGET_CODES = new Set(["clinical.unknown_referral_target", "clinical.duplicate_referral"]);

/**
 * Which words explain why the last save refused the target of the referral at `index` (the server names a referral by its
 * place in the list it was sent), or null when it did not.
 */
function referralTargetError(state: SaveState, index: number, kind: ReferralKind): "duplicate" | "specialist" | "labTest" | null {
  if (state.kind !== "error" || !isApiError(state.error) || !REFERRAL_TARGET_CODES.has(state.error.code)) return null;
  if (!state.error.fieldErrors[`referrals[${index}].target`]) return null;
  return state.error.code === "clinical.duplicate_referral" ? "duplicate" : kind === "specialist" ? "specialist" : "labTest";
}

function SaveStatus({ state, onReload, conflictId }: { state: SaveState; onReload: () => void; conflictId: string }) {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText("clinical");
  if (state.kind === "conflict") {
    return (
      <div className="alert alert--warning" role="alert" data-testid="protocol-save-state" data-state="conflict">
        <p id={conflictId}>{t("clinical.protocol.conflict")}</p>
        <button type="button" className="button button--secondary button--small" onClick={onReload}>
          {t("clinical.protocol.reload")}
        </button>
      </div>
    );
  }
  if (state.kind === "error") {
    return (
      <div className="alert alert--error" role="alert" data-testid="protocol-save-state" data-state="error">
        <p>{t("clinical.protocol.saveFailed", { message: problemText(state.error) })}</p>
        <FieldErrorList error={state.error} />
      </div>
    );
  }
  const text =
    state.kind === "saving"
      ? t("clinical.protocol.saving")
      : state.kind === "saved"
        ? t("clinical.protocol.savedAt", { time: new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" }).format(new Date(state.at)) })
        : t("clinical.protocol.notSavedYet");
  return (
    <p className="protocol-save-state" role="status" data-testid="protocol-save-state" data-state={state.kind}>
      {text}
    </p>
  );
}

/**
 * The doctor's editable protocol: four text sections, ICD-10 diagnoses, referrals and the follow-up date; autosaves (see
 * useProtocolAutosave) and signs after a confirmation. Explains the jurisdiction's limits before the doctor hits them.
 */
export function ProtocolEditor({
  initial,
  onReload,
  onSaved,
  onSigned,
}: {
  initial: VisitProtocol;
  onReload: () => void;
  onSaved?: (saved: VisitProtocol) => void;
  onSigned: (signed: VisitProtocol) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const consultationId = initial.consultationId;
  const { form, update, state, flush, currentVersion } = useProtocolAutosave(consultationId, initial, onSaved);
  const policy = initial.policy;
  const [confirming, setConfirming] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<unknown>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const set = <K extends keyof ProtocolForm>(key: K, value: ProtocolForm[K]) => update((f) => ({ ...f, [key]: value }));
  const onBlur = () => void flush();
  const locked = state.kind === "conflict" || signing;
  const referralsFull = form.referrals.length >= MAX_REFERRALS;
  const specialties = useSpecialties();

  const sign = async () => {
    setSigning(true);
    setSignError(null);
    try {
      await flush();
      onSigned(await clinicalApi.sign(consultationId, currentVersion()));
    } catch (error) {
      setSignError(error);
      setConfirming(false);
    } finally {
      setSigning(false);
    }
  };

  return (
    <div className="protocol-editor stack" data-testid="protocol-editor">
      <SaveStatus state={state} onReload={onReload} conflictId={`${id}-conflict`} />
      {TEXT_SECTIONS.map((section) => (
        <div className="field" key={section}>
          <label htmlFor={`${id}-${section}`}>{t(`clinical.protocol.${section}`)}</label>
          <textarea
            id={`${id}-${section}`}
            dir="auto"
            rows={section === "complaints" ? 2 : 3}
            value={form[section]}
            disabled={locked}
            maxLength={20000}
            onChange={(e) => set(section, e.target.value)}
            onBlur={onBlur}
            data-testid={`protocol-${section}`}
          />
        </div>
      ))}

      <fieldset className="protocol-fieldset">
        <legend>{t("clinical.protocol.diagnoses")}</legend>
        {!policy.mayConfirmDiagnosis ? (
          <p className="alert alert--info" id={`${id}-confirm-rule`} data-testid="confirmed-not-allowed">
            {t("clinical.protocol.confirmedNotAllowed")}
          </p>
        ) : null}
        {form.diagnoses.length === 0 ? <p className="field-hint">{t("clinical.protocol.noDiagnoses")}</p> : null}
        <ul className="protocol-list">
          {form.diagnoses.map((d, i) => (
            <li key={d.code} className="protocol-list__item" data-testid="protocol-diagnosis" data-code={d.code}>
              <p>
                <strong>{d.code}</strong> {d.title}
              </p>
              <div className="protocol-row">
                <div className="field">
                  <label htmlFor={`${id}-role-${i}`}>{t("clinical.protocol.role")}</label>
                  <select
                    id={`${id}-role-${i}`}
                    value={d.role}
                    disabled={locked}
                    onBlur={onBlur}
                    onChange={(e) => {
                      const role = e.target.value as DiagnosisRole;
                      // Exactly one primary: choosing another primary makes the old one secondary.
                      set("diagnoses", form.diagnoses.map((x, j) => (j === i ? { ...x, role } : role === "primary" ? { ...x, role: "secondary" } : x)));
                    }}
                  >
                    <option value="primary">{t("clinical.protocol.primary")}</option>
                    <option value="secondary">{t("clinical.protocol.secondary")}</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-certainty-${i}`}>{t("clinical.protocol.certainty")}</label>
                  <select
                    id={`${id}-certainty-${i}`}
                    value={d.certainty}
                    disabled={locked}
                    aria-describedby={!policy.mayConfirmDiagnosis ? `${id}-confirm-rule` : undefined}
                    onBlur={onBlur}
                    onChange={(e) => set("diagnoses", form.diagnoses.map((x, j) => (j === i ? { ...x, certainty: e.target.value as DiagnosisCertainty } : x)))}
                  >
                    <option value="preliminary">{t("clinical.protocol.preliminary")}</option>
                    <option value="confirmed" disabled={!policy.mayConfirmDiagnosis}>
                      {t("clinical.protocol.confirmed")}
                    </option>
                  </select>
                </div>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={locked}
                  onClick={() => {
                    const rest = form.diagnoses.filter((_, j) => j !== i);
                    if (d.role === "primary" && rest.length > 0) rest[0] = { ...rest[0]!, role: "primary" };
                    set("diagnoses", rest);
                  }}
                >
                  {t("clinical.protocol.remove", { what: d.code })}
                </button>
              </div>
            </li>
          ))}
        </ul>
        <Icd10Combobox
          disabled={locked || form.diagnoses.length >= MAX_DIAGNOSES}
          onPick={(m) => {
            if (form.diagnoses.some((d) => d.code === m.code)) return;
            set("diagnoses", [
              ...form.diagnoses,
              { code: m.code, title: icd10Title(m, i18n.language), role: form.diagnoses.length === 0 ? "primary" : "secondary", certainty: "preliminary" },
            ]);
          }}
        />
        <DisabledReason
          id={`${id}-diagnoses-why`}
          reason={form.diagnoses.length >= MAX_DIAGNOSES ? t("clinical.protocol.diagnosesFullWhy", { max: MAX_DIAGNOSES }) : null}
        />
      </fieldset>

      <fieldset className="protocol-fieldset">
        <legend>{t("clinical.protocol.referrals")}</legend>
        {policy.inPersonReferralRequired ? (
          <p className="alert alert--info" data-testid="in-person-referral-required">
            {t("clinical.protocol.inPersonReferralRequired")}
          </p>
        ) : null}
        {form.referrals.length === 0 ? <p className="field-hint">{t("clinical.protocol.noReferrals")}</p> : null}
        <ul className="protocol-list">
          {form.referrals.map((r, i) => {
            const change = (patch: Partial<typeof r>) => set("referrals", form.referrals.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            const targetError = referralTargetError(state, i, r.kind);
            const targetErrorId = `${id}-rtarget-${i}-error`;
            const targetProps = {
              id: `${id}-rtarget-${i}`,
              value: r.target,
              disabled: locked,
              onBlur,
              "aria-invalid": targetError ? true : undefined,
              "aria-describedby": targetError ? targetErrorId : undefined,
              "data-testid": "protocol-referral-target",
            };
            const knownSpecialty = (specialties.data ?? []).some((s) => s.code === r.target);
            return (
              <li key={i} className="protocol-list__item protocol-row" data-testid="protocol-referral">
                <div className="field">
                  <label htmlFor={`${id}-rkind-${i}`}>{t("clinical.protocol.referralKind")}</label>
                  <select
                    id={`${id}-rkind-${i}`}
                    value={r.kind}
                    disabled={locked}
                    onBlur={onBlur}
                    // A specialist referral names a specialty code, the others free text: a target typed for one kind means nothing to the other.
                    onChange={(e) => {
                      const kind = e.target.value as ReferralKind;
                      change(kind === "specialist" || r.kind === "specialist" ? { kind, target: "" } : { kind });
                    }}
                  >
                    {REFERRAL_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`clinical.protocol.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-rtarget-${i}`}>{t("clinical.protocol.referralTarget")}</label>
                  {r.kind === "specialist" ? (
                    <select {...targetProps} onChange={(e) => change({ target: e.target.value })}>
                      <option value="">{t("clinical.protocol.chooseSpecialty")}</option>
                      {(specialties.data ?? []).map((s) => (
                        <option key={s.code} value={s.code}>
                          {s.name}
                        </option>
                      ))}
                      {/* A draft saved before targets were codes keeps its text until the doctor picks a specialty. */}
                      {r.target && !knownSpecialty ? <option value={r.target}>{r.target}</option> : null}
                    </select>
                  ) : (
                    <input {...targetProps} type="text" dir="auto" maxLength={200} onChange={(e) => change({ target: e.target.value })} />
                  )}
                  {targetError ? (
                    <p className="field-error" id={targetErrorId} data-testid="protocol-referral-target-error">
                      {t(`clinical.protocol.targetError.${targetError}`)}
                    </p>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-rnote-${i}`}>{t("clinical.protocol.referralNote")}</label>
                  <input id={`${id}-rnote-${i}`} type="text" dir="auto" maxLength={1000} value={r.note ?? ""} disabled={locked} onBlur={onBlur} onChange={(e) => change({ note: e.target.value })} />
                </div>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={locked}
                  onClick={() => set("referrals", form.referrals.filter((_, j) => j !== i))}
                >
                  {t("clinical.protocol.remove", { what: t(`clinical.protocol.kind.${r.kind}`) })}
                </button>
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={locked || referralsFull}
          aria-describedby={state.kind === "conflict" ? `${id}-conflict` : referralsFull ? `${id}-referrals-why` : undefined}
          onClick={() => set("referrals", [...form.referrals, { kind: policy.inPersonReferralRequired ? "inPersonVisit" : "specialist", target: "", note: "" }])}
        >
          {t("clinical.protocol.addReferral")}
        </button>
        <DisabledReason id={`${id}-referrals-why`} reason={referralsFull ? t("clinical.protocol.referralsFullWhy", { max: MAX_REFERRALS }) : null} />
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-follow-up`}>{t("clinical.protocol.followUpOn")}</label>
        <input id={`${id}-follow-up`} type="date" value={form.followUpOn} disabled={locked} onBlur={onBlur} onChange={(e) => set("followUpOn", e.target.value)} data-testid="protocol-follow-up" />
      </div>

      <ProblemMessage error={signError} namespace="clinical" testId="protocol-sign-error" />
      {confirming ? (
        <div className="card protocol-confirm" role="alertdialog" aria-labelledby={`${id}-sign-title`} aria-describedby={`${id}-sign-text`}>
          <h3 id={`${id}-sign-title`}>{t("clinical.protocol.signConfirmTitle")}</h3>
          <p id={`${id}-sign-text`}>{t("clinical.protocol.signConfirmText")}</p>
          <div className="protocol-row">
            <BusyButton ref={confirmButton} type="button" className="button" busy={signing} onClick={() => void sign()}>
              {t("clinical.protocol.signNow")}
            </BusyButton>
            <button type="button" className="button button--secondary" disabled={signing} onClick={() => setConfirming(false)}>
              {t("clinical.protocol.cancel")}
            </button>
          </div>
        </div>
      ) : (
        // In a conflict the notice at the top says why (reload first); while signing the confirmation is on screen instead.
        <button
          type="button"
          className="button"
          disabled={locked}
          aria-describedby={state.kind === "conflict" ? `${id}-conflict` : undefined}
          onClick={() => setConfirming(true)}
        >
          {t("clinical.protocol.sign")}
        </button>
      )}
    </div>
  );
}
