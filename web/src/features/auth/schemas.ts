import { z } from "zod";
import { isApiError } from "../../shared/api/errors";

// Messages are i18n keys; the field components translate them.
export const emailSchema = z.string().trim().min(1, "validation.required").email("validation.email");
export const passwordSchema = z.string().min(1, "validation.required").min(10, "validation.passwordLength");

export function isPastDate(value: string, today: Date = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return date.getTime() < todayUtc && date.getUTCFullYear() >= 1900;
}

export const dateOfBirthSchema = z
  .string()
  .min(1, "validation.required")
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), "validation.date")
  .refine((v) => isPastDate(v), "validation.dateInPast");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "validation.required"),
});
export type SignInValues = z.infer<typeof signInSchema>;

export const registerSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  givenName: z.string().trim().min(1, "validation.required").max(100),
  familyName: z.string().trim().min(1, "validation.required").max(100),
  dateOfBirth: dateOfBirthSchema,
  preferredLanguage: z.enum(["en", "ru"]),
});
export type RegisterValues = z.infer<typeof registerSchema>;

export const forgotSchema = z.object({ email: emailSchema });
export type ForgotValues = z.infer<typeof forgotSchema>;

// One password field (no confirmation box): labels stay unique for assistive tech and tests.
export const newPasswordSchema = z.object({ password: passwordSchema });
export type NewPasswordValues = z.infer<typeof newPasswordSchema>;

/** Authenticator codes: 6 digits; spaces people copy along are ignored. */
export const totpCodeSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "validation.code6"));

export const mfaSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("code"), code: totpCodeSchema, recoveryCode: z.string().optional() }),
  z.object({
    mode: z.literal("recovery"),
    code: z.string().optional(),
    recoveryCode: z.string().trim().min(1, "validation.required"),
  }),
]);
export type MfaValues = z.input<typeof mfaSchema>;

export const enrolSchema = z.object({ code: totpCodeSchema });
export type EnrolValues = z.input<typeof enrolSchema>;

/** The server's field errors for a new password (everything but the link's token), as one message. */
export function newPasswordServerMessage(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const messages = Object.entries(error.fieldErrors)
    .filter(([field]) => field !== "token")
    .flatMap(([, list]) => list);
  return messages.length ? messages.join(" ") : undefined;
}

/** The fields whose server messages {@link newPasswordServerMessage} puts under the new password (all but the token). */
export function newPasswordServerFields(error: unknown): string[] {
  return isApiError(error) ? Object.keys(error.fieldErrors).filter((field) => field !== "token") : [];
}
