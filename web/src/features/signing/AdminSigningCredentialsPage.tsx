import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { UserSentence, UserText, isolate } from "../../shared/ui/UserText";
import { CertificateStatus } from "./CertificateDetails";
import { signingApi, signingKeys, type RevocationReason, type SigningCredential } from "./signingApi";

const STATUSES = ["active", "revoked", "expired"] as const;
const PAGE_SIZE = 50;
const REASONS: readonly RevocationReason[] = ["keyCompromise", "withdrawn"];

/**
 * Admin: every doctor's signing certificates, newest first, a page at a time, narrowed by status and by the doctor's name (both asked of
 * the server, so a certificate issued long ago is found however many were issued since); an active one can be revoked
 * (a lost laptop: key compromised; a doctor who left: withdrawn) after a confirmation that names the doctor and the reason. Documents
 * signed before the revocation stay valid; signing again issues the doctor a new certificate.
 */
export function AdminSigningCredentialsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("clinical.signing.adminTitle");
  const [status, setStatus] = useState<"" | (typeof STATUSES)[number]>("active");
  const [doctor, setDoctor] = useState("");
  const [page, setPage] = useState(1);
  const [revoking, setRevoking] = useState<SigningCredential | null>(null);
  const [revoked, setRevoked] = useState<SigningCredential | null>(null);
  const lang = i18n.language;
  // Typing asks the server again, for the text as it stands once the typing pauses for a render.
  const needle = useDeferredValue(doctor.trim());
  const query = { status: status || undefined, doctor: needle || undefined, page, pageSize: PAGE_SIZE };
  const credentials = useQuery({ queryKey: signingKeys.list(query), queryFn: () => signingApi.list(query), placeholderData: keepPreviousData });
  const shown = credentials.data?.items ?? [];

  return (
    <div className="stack">
      <h1>{t("clinical.signing.adminTitle")}</h1>
      <p className="muted">{t("clinical.signing.adminIntro")}</p>
      <div className="card filters">
        <SelectField
          label={t("clinical.signing.status")}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as typeof status);
            setPage(1);
          }}
          data-testid="credential-status-filter"
          options={[
            { value: "", label: t("clinical.signing.anyStatus") },
            ...STATUSES.map((s) => ({ value: s, label: t(`clinical.signing.statuses.${s}`) })),
          ]}
        />
        <TextField
          label={t("clinical.signing.doctor")}
          value={doctor}
          onChange={(e) => {
            setDoctor(e.target.value);
            setPage(1);
          }}
          maxLength={100}
        />
      </div>
      {revoked ? (
        <SuccessMessage>
          <UserSentence i18nKey="clinical.signing.revokedDone" user={{ doctor: revoked.doctorName ?? revoked.subject }} values={{ serial: revoked.serialNumber }} />
        </SuccessMessage>
      ) : null}
      {credentials.isPending ? <Loading /> : null}
      <ErrorAlert error={credentials.error} onRetry={() => void credentials.refetch()} />
      {credentials.data && shown.length === 0 ? <EmptyState>{t("clinical.signing.none")}</EmptyState> : null}
      {shown.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t("clinical.signing.adminTitle")} tabIndex={0}>
          <table className="table table--stack" data-testid="signing-credentials">
            <thead>
              <tr>
                <th scope="col">{t("clinical.signing.doctor")}</th>
                <th scope="col">{t("clinical.signing.status")}</th>
                <th scope="col">{t("clinical.signing.serial")}</th>
                <th scope="col">{t("clinical.signing.issued")}</th>
                <th scope="col">{t("clinical.signing.validUntil")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("clinical.signing.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id} data-credential-id={c.id}>
                  <td data-label={t("clinical.signing.doctor")}>
                    <UserText>{c.doctorName ?? c.subject}</UserText>
                  </td>
                  <td data-label={t("clinical.signing.status")}>
                    {/* One value for a stacked card's value column: the badge and why it was revoked, not two grid cells. */}
                    <div>
                      <CertificateStatus credential={c} />
                    </div>
                  </td>
                  <td data-label={t("clinical.signing.serial")}>
                    <code className="break">{c.serialNumber}</code>
                  </td>
                  <td data-label={t("clinical.signing.issued")}>{formatDate(c.issuedAt, lang)}</td>
                  <td data-label={t("clinical.signing.validUntil")}>{formatDate(c.notAfter, lang)}</td>
                  <td data-label={c.status === "active" ? t("admin.actions") : undefined}>
                    {c.status === "active" ? (
                      <button
                        type="button"
                        className="button button--danger button--small"
                        aria-label={`${t("clinical.signing.revoke")}: ${isolate(c.doctorName ?? c.subject)}`}
                        onClick={() => {
                          setRevoked(null);
                          setRevoking(c);
                        }}
                      >
                        {t("clinical.signing.revoke")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {credentials.data && credentials.data.total > credentials.data.pageSize ? (
        <Pager page={credentials.data.page} pageSize={credentials.data.pageSize} total={credentials.data.total} onPage={setPage} />
      ) : null}
      {revoking ? (
        <RevokeDialog
          key={revoking.id}
          credential={revoking}
          onDone={(result) => {
            setRevoking(null);
            setRevoked(result);
          }}
          onCancel={() => setRevoking(null)}
        />
      ) : null}
    </div>
  );
}

function RevokeDialog({ credential, onDone, onCancel }: { credential: SigningCredential; onDone: (c: SigningCredential) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<RevocationReason>("keyCompromise");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await signingApi.revoke(credential.id, reason);
      onDone(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: signingKeys.all });
    }
  };

  return (
    <ConfirmDialog
      title={<UserSentence i18nKey="clinical.signing.revokeTitle" user={{ doctor: credential.doctorName ?? credential.subject }} />}
      text={t("clinical.signing.revokeText", { serial: credential.serialNumber })}
      confirmLabel={t("clinical.signing.revoke")}
      destructive
      busy={busy}
      testId="revoke-certificate-confirm"
      onConfirm={() => void revoke()}
      onCancel={onCancel}
    >
      <SelectField
        label={t("clinical.signing.reason")}
        value={reason}
        disabled={busy}
        onChange={(e) => setReason(e.target.value as RevocationReason)}
        options={REASONS.map((r) => ({ value: r, label: t(`clinical.signing.reasons.${r}`) }))}
      />
      <ProblemMessage error={error} namespace="clinical" />
    </ConfirmDialog>
  );
}
