import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRequestKey } from "../../shared/api/requestKey";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { CertificateDetails } from "./CertificateDetails";
import { signingApi, signingKeys } from "./signingApi";

/**
 * The doctor's own signing certificate (on their profile page): who it names, its serial number, validity and status, and "Renew
 * certificate" after a confirmation (the old one is revoked as superseded; documents signed with it stay valid). A renewal whose
 * answer is lost is sent again with the same Idempotency-Key, so it never issues two certificates.
 */
export function MySigningCertificate() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const credential = useQuery({ queryKey: signingKeys.mine, queryFn: signingApi.mine });
  const requestKey = useRequestKey();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [renewed, setRenewed] = useState(false);

  const renew = async () => {
    const current = credential.data;
    if (!current) return;
    setBusy(true);
    setError(null);
    try {
      // One key per certificate being replaced: a retry after an error renews that one once, a later renewal is a new request.
      const issued = await signingApi.rotate(requestKey.keyFor(current.id));
      requestKey.done();
      queryClient.setQueryData(signingKeys.mine, issued);
      setRenewed(true);
      setConfirming(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="my-signing-certificate" data-testid="my-signing-certificate">
      <h2 id="my-signing-certificate">{t("clinical.signing.mineTitle")}</h2>
      <p className="muted">{t("clinical.signing.mineIntro")}</p>
      {credential.isPending ? <Loading /> : null}
      <ErrorAlert error={credential.error} onRetry={() => void credential.refetch()} />
      {credential.data ? <CertificateDetails credential={credential.data} /> : null}
      {renewed ? <SuccessMessage>{t("clinical.signing.renewed")}</SuccessMessage> : null}
      {credential.data ? (
        <div>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setConfirming(true)}>
            {t("clinical.signing.renew")}
          </button>
        </div>
      ) : null}
      {confirming && credential.data ? (
        <ConfirmDialog
          title={t("clinical.signing.renewTitle")}
          text={t("clinical.signing.renewText", { serial: credential.data.serialNumber, until: formatDate(credential.data.notAfter, i18n.language) })}
          confirmLabel={t("clinical.signing.renew")}
          busy={busy}
          testId="renew-certificate-confirm"
          onConfirm={() => void renew()}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
        >
          <ProblemMessage error={error} namespace="clinical" />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
