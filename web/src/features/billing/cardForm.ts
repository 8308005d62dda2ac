import type { SandboxCard } from "./billingApi";

/** What the patient typed into the card form. */
export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
}

/** A field's problem, as a key under billing.card. */
export type CardFieldError = "numberRequired" | "numberInvalid" | "expiryRequired" | "expiryInvalid" | "expiryPast" | "cvcInvalid";

/** The form's problems by field; empty when the card can be sent. */
export type CardErrors = Partial<Record<keyof CardInput, CardFieldError>>;

/** The card number's digits (spaces and dashes people type are ignored). */
export function cardDigits(number: string): string {
  return number.replace(/[\s-]/g, "");
}

/** Luhn's checksum: catches a mistyped digit before the gateway has to refuse it. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** "12/29", "12 / 29" or "1229" → month and four-digit year; undefined when it is not a month and year. */
export function parseExpiry(expiry: string): { month: number; year: number } | undefined {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2})\s*$/.exec(expiry);
  if (!match) return undefined;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return undefined;
  return { month, year: 2000 + Number(match[2]) };
}

/** Groups a card number's digits in fours as it is typed ("4242424242" → "4242 4242 42"), at most 19 digits. */
export function formatCardNumber(input: string): string {
  return input
    .replace(/\D/g, "")
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, "$1 ");
}

/**
 * Checks the card form before anything is sent: 12–19 digits passing Luhn, an expiry MM/YY not before this month (`now`, the
 * browser's clock: a card is valid to the end of its expiry month), a CVC of 3 or 4 digits. Empty result: the card can be sent.
 */
export function validateCard(input: CardInput, now: Date): CardErrors {
  const errors: CardErrors = {};
  const digits = cardDigits(input.number);
  if (!digits) errors.number = "numberRequired";
  else if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) errors.number = "numberInvalid";

  if (!input.expiry.trim()) errors.expiry = "expiryRequired";
  else {
    const expiry = parseExpiry(input.expiry);
    if (!expiry) errors.expiry = "expiryInvalid";
    else if (expiry.year * 12 + expiry.month < now.getFullYear() * 12 + now.getMonth() + 1) errors.expiry = "expiryPast";
  }

  if (!/^\d{3,4}$/.test(input.cvc.trim())) errors.cvc = "cvcInvalid";
  return errors;
}

/** The card as the sandbox gateway takes it; call only after {@link validateCard} found nothing. */
export function toSandboxCard(input: CardInput): SandboxCard {
  const expiry = parseExpiry(input.expiry)!;
  return { cardNumber: cardDigits(input.number), expiryMonth: expiry.month, expiryYear: expiry.year, cvc: input.cvc.trim() };
}
