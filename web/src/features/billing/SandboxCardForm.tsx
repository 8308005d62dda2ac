import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../shared/ui/fields";
import { formatMoney } from "../../shared/ui/format";
import type { PaymentView } from "./billingApi";
import { AuthenticationDialog } from "./AuthenticationDialog";
import { BillingProblem } from "./BillingProblem";
import { formatCardNumber, toSandboxCard, validateCard, type CardErrors, type CardInput } from "./cardForm";
import { payWithSandboxCard } from "./payFlow";
import { declineKey } from "./paymentRules";
import { BusyButton } from "../../shared/ui/BusyButton";

const TEST_CARDS = [
  { number: "4242 4242 4242 4242", outcome: "testCardOk" },
  { number: "5555 5555 5555 4444", outcome: "testCardOk" },
  { number: "4000 0000 0000 0002", outcome: "testCardDeclined" },
  { number: "4000 0000 0000 9995", outcome: "testCardFunds" },
  { number: "4000 0025 0000 3155", outcome: "testCardAuth" },
] as const;

/**
 * The sandbox gateway's card form: number, MM/YY and CVC checked in the browser first, then confirm → (authentication) → sync.
 * A decline is said in words and the number and CVC are cleared for another card. `onUpdate` gets every new server view of
 * the payment (also after a decline, whose client secret may have changed).
 */
export function SandboxCardForm({ payment, onUpdate, now = () => new Date() }: { payment: PaymentView; onUpdate: (payment: PaymentView) => void; now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const [card, setCard] = useState<CardInput>({ number: "", expiry: "", cvc: "" });
  const [errors, setErrors] = useState<CardErrors>({});
  const [running, setRunning] = useState(false);
  const [decline, setDecline] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [authenticate, setAuthenticate] = useState<((approved: boolean) => void) | null>(null);
  const numberRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateCard(card, now());
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setRunning(true);
    setDecline(null);
    setFailure(null);
    try {
      const outcome = await payWithSandboxCard(payment, toSandboxCard(card), () => new Promise<boolean>((resolve) => setAuthenticate(() => resolve)));
      onUpdate(outcome.payment);
      if (outcome.declineCode) {
        setDecline(outcome.declineCode);
        setCard((c) => ({ ...c, number: "", cvc: "" }));
        numberRef.current?.focus();
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setAuthenticate(null);
      setRunning(false);
    }
  };

  const field = (name: keyof CardInput) => ({
    value: card[name],
    error: errors[name] ? { message: `billing.card.${errors[name]}` } : undefined,
    disabled: running,
    required: true,
  });

  return (
    <form className="stack" noValidate onSubmit={(e) => void submit(e)} data-testid="card-form" aria-busy={running || undefined}>
      <TextField
        {...field("number")}
        ref={numberRef}
        label={t("billing.card.number")}
        inputMode="numeric"
        autoComplete="cc-number"
        data-testid="card-number"
        maxLength={23}
        onChange={(e) => setCard({ ...card, number: formatCardNumber(e.target.value) })}
      />
      <div className="field-row">
        <TextField
          {...field("expiry")}
          label={t("billing.card.expiry")}
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder={t("billing.card.expiryPlaceholder")}
          maxLength={7}
          data-testid="card-expiry"
          onChange={(e) => setCard({ ...card, expiry: e.target.value })}
        />
        <TextField
          {...field("cvc")}
          label={t("billing.card.cvc")}
          inputMode="numeric"
          autoComplete="cc-csc"
          maxLength={4}
          data-testid="card-cvc"
          onChange={(e) => setCard({ ...card, cvc: e.target.value })}
        />
      </div>
      {decline ? (
        <div className="alert alert--error" role="alert" data-testid="payment-decline">
          <p>
            {t(declineKey(decline))} {t("billing.tryAnotherCard")}
          </p>
        </div>
      ) : null}
      <BillingProblem error={failure} />
      <div className="button-row">
        <BusyButton type="submit" className="button" busy={running} busyLabel={t("billing.paying")} data-testid="pay-button">
          {t("billing.payButton", { amount: formatMoney(payment.quote, i18n.language) })}
        </BusyButton>
      </div>
      <details className="muted" data-testid="test-cards">
        <summary>{t("billing.card.testCards")}</summary>
        <ul>
          {TEST_CARDS.map((c) => (
            <li key={c.number}>
              <code>{c.number}</code> — {t(`billing.card.${c.outcome}`)}
            </li>
          ))}
        </ul>
      </details>
      {authenticate ? (
        <AuthenticationDialog
          onAnswer={(approved) => {
            authenticate(approved);
            setAuthenticate(null);
          }}
        />
      ) : null}
    </form>
  );
}
