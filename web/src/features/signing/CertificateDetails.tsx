import { useTranslation } from "react-i18next";
import { formatDate } from "../../shared/ui/format";
import type { SigningCredential } from "./signingApi";

/** What a signing certificate says, for its doctor and for administrators: status (and why revoked), serial, issued and valid-until dates. */
export function CertificateDetails({ credential }: { credential: SigningCredential }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <dl className="details" data-testid="certificate-details">
      <div>
        <dt>{t("clinical.signing.status")}</dt>
        <dd>
          <CertificateStatus credential={credential} />
        </dd>
      </div>
      <div>
        <dt>{t("clinical.signing.serial")}</dt>
        <dd>
          <code className="break">{credential.serialNumber}</code>
        </dd>
      </div>
      <div>
        <dt>{t("clinical.signing.issued")}</dt>
        <dd>{formatDate(credential.issuedAt, lang)}</dd>
      </div>
      <div>
        <dt>{t("clinical.signing.validUntil")}</dt>
        <dd>{formatDate(credential.notAfter, lang)}</dd>
      </div>
    </dl>
  );
}

/** The status as a badge ("Active", "Expired", "Revoked"), then why and when a revoked one was revoked ("key compromised, 12 Dec 2026"). */
export function CertificateStatus({ credential }: { credential: SigningCredential }) {
  const { t, i18n } = useTranslation();
  const revoked = credential.revokedAt
    ? [
        credential.revocationReason ? t(`clinical.signing.reasons.${credential.revocationReason}`, { defaultValue: credential.revocationReason }) : null,
        formatDate(credential.revokedAt, i18n.language),
      ]
        .filter(Boolean)
        .join(", ")
    : null;
  return (
    <>
      <span className={`badge${credential.status === "active" ? " badge--active" : ""}`} data-status={credential.status}>
        {t(`clinical.signing.statuses.${credential.status}`, { defaultValue: credential.status })}
      </span>
      {revoked ? <span className="muted"> {revoked}</span> : null}
    </>
  );
}
