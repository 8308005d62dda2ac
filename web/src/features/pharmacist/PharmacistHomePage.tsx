import "./pharmacist.css";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { isApiError } from "../../shared/api/errors";
import { pharmacyApi, pharmacyKeys, type CounterPrescription } from "./pharmacyApi";
import { PrescriptionCounter } from "./PrescriptionCounter";
import { Form } from "../../shared/ui/Form";
import { UserText } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

/** A prescription open at the counter, with the code it was presented with (when found by QR code). */
interface Selected {
  prescription: CounterPrescription;
  code?: string;
}

/**
 * The pharmacist portal: the pharmacy's prescriptions (sent here by patients, most recent first), finding one by its QR
 * verification code (typed, or the whole scanned link pasted), and the counter where it is verified and dispensed.
 */
export function PharmacistHomePage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.pharmacist");
  const mine = useQuery({ queryKey: pharmacyKeys.mine, queryFn: pharmacyApi.myPharmacy, retry: false });
  // The only 404 of this call: the account belongs to no pharmacy (pharmacy.no_membership).
  const noMembership = isApiError(mine.error) && mine.error.status === 404;
  const sentHere = useQuery({ queryKey: pharmacyKeys.sentHere, queryFn: pharmacyApi.sentHere, enabled: mine.isSuccess });
  const [selected, setSelected] = useState<Selected | null>(null);

  return (
    <div className="stack">
      <h1>{t("pharmacist.title")}</h1>
      {mine.data ? (
        <p className="muted" data-testid="my-pharmacy">
          <UserText>{mine.data.name}</UserText> · <UserText>{mine.data.address}</UserText>
        </p>
      ) : null}
      {noMembership ? <EmptyState>{t("pharmacy.portal.noMembership")}</EmptyState> : <ErrorAlert error={mine.isError && !noMembership ? mine.error : null} />}
      {mine.isSuccess ? (
        <>
          <FindByCode onFound={setSelected} openedId={selected?.prescription.prescriptionId ?? null} />
          {selected ? (
            <PrescriptionCounter key={selected.prescription.prescriptionId} prescription={selected.prescription} code={selected.code} onChanged={(p) => setSelected({ ...selected, prescription: p })} />
          ) : null}
          <section className="card stack" aria-labelledby="sent-here-title">
            <h2 id="sent-here-title">{t("pharmacy.portal.sentHere")}</h2>
            {sentHere.isPending ? <Loading /> : null}
            <ErrorAlert error={sentHere.error} onRetry={() => void sentHere.refetch()} />
            {sentHere.data && sentHere.data.length === 0 ? <EmptyState>{t("pharmacy.portal.noneSent")}</EmptyState> : null}
            {sentHere.data && sentHere.data.length > 0 ? (
              <ul className="plain-list rx-list">
                {sentHere.data.map((p) => (
                  <li key={p.prescriptionId}>
                    <button type="button" className="rx-list__item" onClick={() => setSelected({ prescription: p })}
                      aria-current={selected?.prescription.prescriptionId === p.prescriptionId ? "true" : undefined}>
                      <strong>{p.medicineName}</strong>
                      <span>
                        <UserText>{p.patientInitials}</UserText> · {p.patientBirthYear} · {t(`pharmacy.status.${p.dispensingStatus ?? "none"}`)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </>
      ) : mine.isPending ? (
        <Loading />
      ) : null}
    </div>
  );
}

function FindByCode({ onFound, openedId }: { onFound: (selected: Selected) => void; openedId: string | null }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [error, setError] = useState<unknown>(null);
  // A prescription opened from the list (or found) makes an earlier "no such prescription" about a mistyped code stale.
  const [errorFor, setErrorFor] = useState<string | null>(null);
  if (error && openedId !== errorFor) {
    setError(null);
    setErrorFor(openedId);
  }
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const found = await pharmacyApi.lookup(code.trim());
      onFound({ prescription: found, code: found.verificationCode });
      await queryClient.invalidateQueries({ queryKey: pharmacyKeys.sentHere });
    } catch (err) {
      setError(err);
      setErrorFor(openedId);
    } finally {
      setBusy(false);
    }
  };

  const notFound = isApiError(error) && error.status === 404;
  const findWhy = busy ? t("pharmacy.portal.why.searching") : !code.trim() ? t("pharmacy.portal.why.code") : null;
  return (
    <section className="card stack" aria-labelledby="find-title">
      <h2 id="find-title">{t("pharmacy.portal.findTitle")}</h2>
      <Form className="stack" onSubmit={(e) => void submit(e)}>
        <TextField label={t("pharmacy.portal.code")} hint={t("pharmacy.portal.codeHint")} value={code} maxLength={2048} autoComplete="off"
          onChange={(e) => setCode(e.target.value)} />
        <div>
          <BusyButton type="submit" className="button" busy={busy} disabled={!!findWhy} aria-describedby={findWhy ? "find-why" : undefined}>
            {t("pharmacy.portal.find")}
          </BusyButton>
          <DisabledReason id="find-why" reason={findWhy} testId="find-why" />
        </div>
      </Form>
      {notFound ? (
        <div className="alert alert--error" role="alert">
          {t("pharmacy.errors.pharmacy.not_found")}
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
    </section>
  );
}
