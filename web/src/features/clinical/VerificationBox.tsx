import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { clinicalApi, clinicalKeys, type SignatureCheck } from "./clinicalApi";
import { BusyButton } from "../../shared/ui/BusyButton";

function CheckRow({ label, check, testId }: { label: string; check: SignatureCheck; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="verification-row" data-testid={testId} data-valid={check.valid}>
      <h4>
        {label}:{" "}
        <span className={`verification-badge verification-badge--${check.valid ? "valid" : "invalid"}`}>
          {check.valid ? t("clinical.verification.valid") : t("clinical.verification.invalid")}
        </span>
      </h4>
      <dl className="details">
        <dt>{t("clinical.verification.signer")}</dt>
        <dd dir="auto">{check.signerName ?? "—"}</dd>
        <dt>{t("clinical.verification.signedAt")}</dt>
        <dd>{formatDateTime(check.signedAt, i18n.language) || "—"}</dd>
        <dt>{t("clinical.verification.certificate")}</dt>
        <dd>{t(`clinical.verification.certificateStatus.${check.certificateStatus}`, { defaultValue: check.certificateStatus })}</dd>
        <dt>{t("clinical.verification.document")}</dt>
        <dd>{check.documentIntact ? t("clinical.verification.intact") : t("clinical.verification.changed")}</dd>
      </dl>
      {check.problem ? <p className="field-hint">{check.problem}</p> : null}
    </div>
  );
}

/** The signature check of a signed protocol and its addenda (GET .../protocol/verification): signer, time, certificate, valid or not. */
export function VerificationBox({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const check = useQuery({ queryKey: clinicalKeys.verification(consultationId), queryFn: () => clinicalApi.verification(consultationId) });
  return (
    <section className="card verification-box" aria-labelledby={`verification-${consultationId}`} data-testid="protocol-verification">
      <h3 id={`verification-${consultationId}`}>{t("clinical.verification.heading")}</h3>
      <ProblemMessage error={check.error} namespace="clinical" />
      {check.data ? (
        <div role="status">
          <CheckRow label={t("clinical.verification.protocol")} check={check.data.protocol} testId="verification-protocol" />
          {check.data.addenda.map((a, i) => (
            <CheckRow key={a.addendumId} label={t("clinical.verification.addendum", { n: i + 1 })} check={a.check} testId="verification-addendum" />
          ))}
        </div>
      ) : null}
      <BusyButton type="button" className="button button--secondary button--small" busy={check.isFetching} onClick={() => void check.refetch()}>
        {t("clinical.verification.check")}
      </BusyButton>
    </section>
  );
}
