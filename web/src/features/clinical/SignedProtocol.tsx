import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { formatDate, formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { clinicalApi, clinicalKeys, type VisitProtocol } from "./clinicalApi";
import { VerificationBox } from "./VerificationBox";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";
import { useSpecialties } from "../patient/useSpecialties";

const TEXT_SECTIONS = ["complaints", "historyOfPresentIllness", "objectiveFindings", "recommendations"] as const;

/** A signed protocol, read-only, with its signed addenda, a form for a new addendum and the signature check. */
export function SignedProtocol({ protocol, onChanged }: { protocol: VisitProtocol; onChanged: (view: VisitProtocol) => void }) {
  const { t, i18n } = useTranslation();
  // A specialist referral names a specialty code: shown by its name in the reader's language.
  const { nameOf: specialtyName } = useSpecialties();
  const id = useId();
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const addendumKey = useRequestKey();
  const [error, setError] = useState<unknown>(null);

  const addAddendum = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await clinicalApi.addAddendum(protocol.consultationId, text, addendumKey.keyFor(text.trim()));
      addendumKey.done();
      setText("");
      onChanged(view);
      await client.invalidateQueries({ queryKey: clinicalKeys.verification(protocol.consultationId) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="protocol-signed">
      <p className="alert alert--success" data-testid="protocol-signed-by">
        <UserSentence i18nKey="clinical.protocol.signed" user={{ name: protocol.signedBy ?? "" }} values={{ time: formatDateTime(protocol.signedAt, i18n.language) }} />
      </p>
      <p className="field-hint">{t("clinical.protocol.signedNotice")}</p>
      <dl className="details protocol-readonly">
        {TEXT_SECTIONS.map((s) => (
          <div key={s}>
            <dt>{t(`clinical.protocol.${s}`)}</dt>
            <dd className="protocol-text" dir={protocol[s] ? "auto" : undefined}>{protocol[s] || t("clinical.protocol.none")}</dd>
          </div>
        ))}
        <div>
          <dt>{t("clinical.protocol.diagnoses")}</dt>
          <dd>
            <ul>
              {protocol.diagnoses.map((d) => (
                <li key={d.code}>
                  <strong>{d.code}</strong> {d.title} ({t(`clinical.protocol.${d.role}`)}, {t(`clinical.protocol.${d.certainty}`)})
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("clinical.protocol.referrals")}</dt>
          <dd>
            {protocol.referrals.length === 0 ? t("clinical.protocol.noReferrals") : null}
            <ul>
              {protocol.referrals.map((r, i) => (
                <li key={i}>
                  {t(`clinical.protocol.kind.${r.kind}`)}
                  {r.target ? <>: <UserText>{r.kind === "specialist" ? specialtyName(r.target) : r.target}</UserText></> : null}
                  {r.note ? <> — <UserText>{r.note}</UserText></> : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("clinical.protocol.followUpOn")}</dt>
          <dd>{protocol.followUpOn ? formatDate(protocol.followUpOn, i18n.language) : t("clinical.protocol.none")}</dd>
        </div>
      </dl>

      <section aria-labelledby={`${id}-addenda`}>
        <h3 id={`${id}-addenda`}>{t("clinical.protocol.addenda")}</h3>
        <ol className="protocol-list">
          {protocol.addenda.map((a) => (
            <li key={a.id} className="protocol-list__item" data-testid="protocol-addendum">
              <p className="protocol-text" dir="auto">{a.text}</p>
              <p className="field-hint">
                <UserSentence i18nKey="clinical.protocol.addendumBy" user={{ name: a.signedBy }} values={{ time: formatDateTime(a.createdAt, i18n.language) }} />
              </p>
            </li>
          ))}
        </ol>
        <div className="field">
          <label htmlFor={`${id}-addendum`}>{t("clinical.protocol.addendumText")}</label>
          <textarea id={`${id}-addendum`} dir="auto" rows={3} maxLength={20000} value={text} onChange={(e) => setText(e.target.value)} data-testid="addendum-text" />
        </div>
        <ProblemMessage error={error} namespace="clinical" />
        <div>
          <BusyButton type="button" className="button" busy={busy} disabled={text.trim().length === 0} aria-describedby={text.trim() ? undefined : `${id}-why`} onClick={() => void addAddendum()}>
            {t("clinical.protocol.signAddendum")}
          </BusyButton>
          <DisabledReason id={`${id}-why`} reason={text.trim() ? null : t("clinical.protocol.signAddendumWhy")} />
        </div>
      </section>

      <VerificationBox consultationId={protocol.consultationId} />
    </div>
  );
}
