import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { TextAreaField, TextField } from "../../shared/ui/fields";
import { formatDate } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useMedicineWords } from "../../shared/ui/medicineWords";
import { pharmacyApi, pharmacyKeys, type CounterPrescription } from "./pharmacyApi";
import { Form } from "../../shared/ui/Form";
import { UserText } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";

/**
 * One prescription at the counter: what was prescribed and by whom, whether the signature verifies, what remains, and the
 * two actions — dispense (all that remains, or part) and decline with a reason. Dispensing is possible only for an active,
 * validly signed prescription with something left; otherwise the button stays, disabled, with the reason under it (linked by
 * aria-describedby), as it does for a quantity out of range or a decline without a reason. The server checks the same and
 * answers 409 when someone else dispensed first.
 */
export function PrescriptionCounter({ prescription: p, code, onChanged }: { prescription: CounterPrescription; code?: string; onChanged: (p: CounterPrescription) => void }) {
  const { t, i18n } = useTranslation();
  const words = useMedicineWords();
  const queryClient = useQueryClient();
  const [quantity, setQuantity] = useState(String(p.quantityRemaining));
  const [reason, setReason] = useState("");
  const handOver = useRequestKey();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  // Which action runs (its done-message key), so only that button shows it is busy.
  const [busy, setBusy] = useState<string | null>(null);
  const headingId = `rx-${p.prescriptionId}`;
  // Why dispensing is not possible at all (the server refuses the same: 422/409), in the order a pharmacist should act on it.
  const notDispensable = !p.signatureValid
    ? t("pharmacy.portal.why.signature")
    : p.prescriptionStatus === "cancelled"
      ? t("pharmacy.portal.why.cancelled")
      : p.prescriptionStatus === "expired"
        ? t("pharmacy.portal.why.expired", { date: formatDate(p.validUntil.slice(0, 10), i18n.language) })
        : p.prescriptionStatus !== "active"
          ? t("pharmacy.portal.why.notActive")
          : p.quantityRemaining <= 0
            ? t("pharmacy.portal.why.nothingLeft")
            : null;

  const act = async (e: FormEvent, call: () => Promise<CounterPrescription>, doneKey: string) => {
    e.preventDefault();
    setBusy(doneKey);
    setError(null);
    setDone(null);
    try {
      const updated = await call();
      onChanged(updated);
      setQuantity(String(updated.quantityRemaining));
      setReason("");
      setDone(t(doneKey));
      await queryClient.invalidateQueries({ queryKey: pharmacyKeys.sentHere });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const amount = Number.parseInt(quantity, 10);
  const range = { max: p.quantityRemaining, unit: words.unit(p.quantityUnit) };
  const dispenseWhy =
    notDispensable ??
    (busy
      ? t("pharmacy.portal.why.busy")
      : !(amount >= 1)
        ? t("pharmacy.portal.why.quantity", range)
        : amount > p.quantityRemaining
          ? t("pharmacy.portal.why.tooMuch", range)
          : null);
  const declineWhy = busy ? t("pharmacy.portal.why.busy") : !reason.trim() ? t("pharmacy.portal.why.reason") : null;
  const dispenseWhyId = `${headingId}-dispense-why`;
  const declineWhyId = `${headingId}-decline-why`;
  return (
    <article className="card stack" aria-labelledby={headingId} data-testid="rx-counter">
      {/* The name as the prescription words it already carries strength and form ("Amoxicillin 500 mg capsules"). */}
      <h2 id={headingId}>{p.medicineName}</h2>
      {p.signatureValid ? (
        <p className="rx-signature rx-signature--valid" data-testid="rx-signature">
          ✓ {t("pharmacy.portal.signatureValid")}
        </p>
      ) : (
        <p className="alert alert--error" role="alert" data-testid="rx-signature">
          {t("pharmacy.portal.signatureInvalid")}
        </p>
      )}
      <dl className="details">
        <div><dt>{t("pharmacy.portal.patient")}</dt><dd><UserText>{p.patientInitials}</UserText>, {p.patientBirthYear}</dd></div>
        <div><dt>{t("pharmacy.portal.prescriber")}</dt><dd><UserText>{p.prescriberName}</UserText> · <UserText>{p.clinicName}</UserText></dd></div>
        <div><dt>{t("pharmacy.portal.medicine")}</dt><dd>{p.medicineName} ({p.activeIngredient}), {words.route(p.route)}</dd></div>
        <div><dt>{t("pharmacy.portal.dosage")}</dt><dd>{p.dosageInstructions}</dd></div>
        <div><dt>{t("pharmacy.portal.quantity")}</dt><dd>{p.quantityText}</dd></div>
        <div><dt>{t("pharmacy.portal.validUntil")}</dt><dd>{formatDate(p.validUntil.slice(0, 10), i18n.language)}</dd></div>
        <div><dt>{t("pharmacy.portal.prescriptionStatus")}</dt><dd>{t(`pharmacy.prescriptionStatus.${p.prescriptionStatus}`, { defaultValue: p.prescriptionStatus })}</dd></div>
        <div><dt>{t("pharmacy.portal.dispensingStatus")}</dt><dd data-testid="rx-dispensing-status">{t(`pharmacy.status.${p.dispensingStatus ?? "none"}`)}</dd></div>
        <div><dt>{t("pharmacy.portal.remaining")}</dt><dd data-testid="rx-remaining">{p.quantityRemainingText}</dd></div>
        <div><dt>{t("pharmacy.portal.code")}</dt><dd className="break">{p.verificationCode}</dd></div>
        {p.declineReason ? <div><dt>{t("pharmacy.portal.declineReason")}</dt><dd dir="auto">{p.declineReason}</dd></div> : null}
      </dl>
      {!p.sentToMyPharmacy ? <p className="muted">{t("pharmacy.portal.presentedByCode")}</p> : null}
      {done ? <p className="alert alert--success" role="status">{done}</p> : null}
      <ProblemMessage error={error} namespace="pharmacy" />
      <Form className="stack" onSubmit={(e) => void act(e, () => pharmacyApi.dispense(p.prescriptionId, amount, handOver.keyFor(`${p.prescriptionId}:${p.quantityDispensed}:${amount}`), code), "pharmacy.portal.dispensed")}>
        {notDispensable ? null : (
          <TextField label={t("pharmacy.portal.dispenseQuantity", { unit: words.unit(p.quantityUnit) })} type="number" inputMode="numeric" min={1} max={p.quantityRemaining}
            value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        )}
        <div>
          <BusyButton type="submit" className="button" busy={busy === "pharmacy.portal.dispensed"} disabled={!!dispenseWhy} aria-describedby={dispenseWhy ? dispenseWhyId : undefined} data-testid="dispense">
            {notDispensable ? t("pharmacy.portal.dispense") : amount === p.quantityRemaining ? t("pharmacy.portal.dispenseAll") : t("pharmacy.portal.dispensePart")}
          </BusyButton>
          <DisabledReason id={dispenseWhyId} reason={dispenseWhy} testId="dispense-why" />
        </div>
      </Form>
      {p.quantityRemaining > 0 && p.dispensingStatus !== "declined" ? (
        <Form className="stack" onSubmit={(e) => void act(e, () => pharmacyApi.decline(p.prescriptionId, reason.trim(), code), "pharmacy.portal.declined")}>
          <TextAreaField dir="auto" label={t("pharmacy.portal.declineReason")} value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
          <div>
            <BusyButton type="submit" className="button button--secondary" busy={busy === "pharmacy.portal.declined"} disabled={!!declineWhy} aria-describedby={declineWhy ? declineWhyId : undefined}>
              {t("pharmacy.portal.decline")}
            </BusyButton>
            <DisabledReason id={declineWhyId} reason={declineWhy} testId="decline-why" />
          </div>
        </Form>
      ) : null}
    </article>
  );
}
