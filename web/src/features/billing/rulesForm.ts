import { majorToMinor, minorToMajorString } from "../../shared/ui/format";
import type { ClinicBillingRulesView } from "./billingApi";

/** The rules form's fields as typed (text inputs). */
export type RulesDraft = Record<keyof ClinicBillingRulesView, string>;

/**
 * The minimum charge is typed in major units with two decimals: the rules carry no currency (each doctor's rate has its own),
 * and every currency the clinics use today has cents or kopecks.
 */
const MINOR_PER_MAJOR = 100;

export function toDraft(rules: ClinicBillingRulesView): RulesDraft {
  return {
    incrementMinutes: String(rules.incrementMinutes),
    minimumChargeMinor: minorToMajorString(Number(rules.minimumChargeMinor), MINOR_PER_MAJOR),
    factorNone: String(rules.factorNone),
    factorSecond: String(rules.factorSecond),
    factorFirst: String(rules.factorFirst),
    factorHighest: String(rules.factorHighest),
    lateCancellationFeePercent: String(rules.lateCancellationFeePercent),
  };
}

const number = (s: string) => (/^\s*\d+([.,]\d+)?\s*$/.test(s) ? Number(s.trim().replace(",", ".")) : Number.NaN);

/**
 * The draft as rules, or undefined when a field is out of range: whole minutes 1–60, factors 0.1–10, a fee of 0–100 % (whole),
 * a minimum charge of 0 or more. The server checks again.
 */
export function fromDraft(draft: RulesDraft): ClinicBillingRulesView | undefined {
  const increment = number(draft.incrementMinutes);
  const fee = number(draft.lateCancellationFeePercent);
  const minimum = majorToMinor(draft.minimumChargeMinor, MINOR_PER_MAJOR);
  const factors = [draft.factorNone, draft.factorSecond, draft.factorFirst, draft.factorHighest].map(number);
  if (!Number.isInteger(increment) || increment < 1 || increment > 60) return undefined;
  if (!Number.isInteger(fee) || fee < 0 || fee > 100) return undefined;
  if (minimum === undefined || Number.isNaN(minimum) || minimum < 0) return undefined;
  if (factors.some((f) => Number.isNaN(f) || f < 0.1 || f > 10)) return undefined;
  const [factorNone, factorSecond, factorFirst, factorHighest] = factors as [number, number, number, number];
  return { incrementMinutes: increment, minimumChargeMinor: minimum, factorNone, factorSecond, factorFirst, factorHighest, lateCancellationFeePercent: fee };
}
