import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FiredRule, TriageResult } from "../../shared/api/consultations";

/**
 * The server writes advice and rule titles in English. Other languages show our translation of the
 * level's advice and of known rule codes; English (and anything we cannot translate) shows the server's text.
 */
export function useTriageText() {
  const { t, i18n } = useTranslation();
  const local = !i18n.language.startsWith("en");
  return {
    advice: (triage: TriageResult) =>
      local && i18n.exists(`consultations.advice.${triage.level}`) ? t(`consultations.advice.${triage.level}`) : triage.advice,
    rule: (rule: FiredRule) => (local && i18n.exists(`consultations.rules.${rule.code}`) ? t(`consultations.rules.${rule.code}`) : rule.title),
  };
}

/** Emergency numbers offered as tel: links: 112 (any mobile, most countries), 911 (US, Canada), 103 (ambulance, Russia). */
export const EMERGENCY_NUMBERS = ["112", "911", "103"] as const;

/**
 * Shown when triage says `emergency`: the server's advice, the rules that fired and tel: links.
 * `children` adds actions (the screen after a refused request offers "Change my answers").
 */
export function EmergencyAdvice({ triage, notQueued, children }: { triage: TriageResult; notQueued?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const text = useTriageText();
  const titleId = useId();
  const rules = triage.firedRules.filter((r, i, all) => r.title && all.findIndex((x) => x.code === r.code) === i);
  return (
    <section className="emergency-advice" role="alert" aria-labelledby={titleId} data-testid="emergency-advice" data-level={triage.level}>
      <h2 id={titleId} className="emergency-advice__title">
        <span className="emergency-advice__icon" aria-hidden="true">
          !
        </span>
        {t("consultations.emergency.title")}
      </h2>
      <p className="emergency-advice__advice">{text.advice(triage)}</p>
      {notQueued ? <p className="emergency-advice__status">{t("consultations.emergency.notQueued")}</p> : null}
      <div className="emergency-advice__calls">
        {EMERGENCY_NUMBERS.map((number, i) => (
          <a
            key={number}
            href={`tel:${number}`}
            className={`button ${i === 0 ? "button--danger button--large" : "button--secondary"} emergency-advice__call`}
          >
            {t("consultations.emergency.call", { number })}
          </a>
        ))}
      </div>
      <p className="field-hint">{t("consultations.emergency.callHint")}</p>
      {rules.length > 0 ? (
        <div className="emergency-advice__reasons">
          <h3>{t("consultations.emergency.reasons")}</h3>
          <ul>
            {rules.map((r) => (
              <li key={r.code} data-rule={r.code}>
                {text.rule(r)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {children}
    </section>
  );
}
