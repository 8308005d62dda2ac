import { useTranslation } from "react-i18next";
import { formatMoney } from "../../shared/ui/format";
import { useQuote } from "./useQuote";

/**
 * The server's price of a visit as text: "…" while it loads, nothing at all when it cannot be had (better no price than a
 * wrong one). Renders a bare <span> so callers place it in their own markup (a <dd>, a sentence).
 */
export function QuotePrice({ doctorId, clinicId, minutes, testId }: { doctorId: string; clinicId: string; minutes: number; testId?: string }) {
  const { t, i18n } = useTranslation();
  const quote = useQuote(doctorId, clinicId, minutes);
  if (quote.isError) return null;
  return (
    <span data-testid={testId} aria-busy={quote.isPending || undefined}>
      {quote.data ? formatMoney(quote.data.amount, i18n.language) : t("billing.quoteLoading")}
    </span>
  );
}

/**
 * One fact of a description list (a <div> with <dt>label</dt><dd>price</dd>) for the server's price of a visit; the whole fact
 * is left out when the price cannot be had, so no label dangles without a number.
 */
export function QuoteFact({
  doctorId,
  clinicId,
  minutes,
  label,
  testId,
  className,
}: {
  doctorId: string;
  clinicId: string;
  minutes: number;
  label: string;
  testId?: string;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const quote = useQuote(doctorId, clinicId, minutes);
  if (quote.isError) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className} data-testid={testId} aria-busy={quote.isPending || undefined}>
        {quote.data ? formatMoney(quote.data.amount, i18n.language) : t("billing.quoteLoading")}
      </dd>
    </div>
  );
}
