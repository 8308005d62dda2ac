import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { BusyButton } from "../../shared/ui/BusyButton";
import { privacyApi, privacyKeys, type ConsentView } from "./privacyApi";

/** The patient's consents: the current text of each, their answer, give/withdraw, and the history of answers. */
export function ConsentsSection() {
  const { t } = useTranslation();
  const consents = useQuery({ queryKey: privacyKeys.consents, queryFn: privacyApi.consents });
  return (
    <section className="stack" aria-labelledby="consents-title">
      <h2 id="consents-title">{t("privacy.consents.title")}</h2>
      {consents.isPending ? <Loading /> : null}
      <ErrorAlert error={consents.error} onRetry={() => void consents.refetch()} />
      {consents.data?.map((c) => <ConsentCard key={c.kind} consent={c} />)}
    </section>
  );
}

function ConsentCard({ consent }: { consent: ConsentView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingId = `consent-${consent.kind}`;
  const given = consent.status === "given";

  const answer = async (give: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const next = give ? await privacyApi.give(consent.kind, consent.currentVersion) : await privacyApi.withdraw(consent.kind);
      queryClient.setQueryData(privacyKeys.consents, next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`privacy.consents.kinds.${consent.kind}`, { defaultValue: consent.kind })}</h3>
      <p>{consent.text}</p>
      <p className="muted">{t("privacy.consents.version", { version: consent.currentVersion, when: formatDateTime(consent.publishedAt, i18n.language) })}</p>
      <p role="status">
        <strong>{t(`privacy.consents.status.${consent.status}`, { defaultValue: consent.status })}</strong>
      </p>
      <ProblemMessage error={error} />
      <div className="button-row">
        {!given ? (
          <BusyButton type="button" className="button" busy={busy} onClick={() => void answer(true)}>
            {t("privacy.consents.give", { what: t(`privacy.consents.kinds.${consent.kind}`, { defaultValue: consent.kind }) })}
          </BusyButton>
        ) : (
          <BusyButton type="button" className="button button--secondary" busy={busy} onClick={() => void answer(false)}>
            {t("privacy.consents.withdraw", { what: t(`privacy.consents.kinds.${consent.kind}`, { defaultValue: consent.kind }) })}
          </BusyButton>
        )}
      </div>
      {consent.history.length > 0 ? (
        <details>
          <summary>{t("privacy.consents.history")}</summary>
          <ul className="plain-list">
            {consent.history.map((h, i) => (
              <li key={`${h.decidedAt}-${i}`}>
                {t(h.given ? "privacy.consents.gaveOn" : "privacy.consents.withdrewOn", { version: h.version, when: formatDateTime(h.decidedAt, i18n.language) })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
