import { z } from "zod";
import type { PatientProfile } from "../../shared/api/types";
import type { PatientProfileUpdate } from "./patientApi";
import { dateOfBirthSchema } from "../auth/schemas";

export const patientProfileSchema = z.object({
  givenName: z.string().trim().min(1, "validation.required"),
  familyName: z.string().trim().min(1, "validation.required"),
  dateOfBirth: dateOfBirthSchema,
  sex: z.enum(["female", "male", "other", "unknown"]),
  phone: z.string().trim().max(40),
  address: z.string().trim().max(500),
  preferredLanguage: z.enum(["en", "ru"]),
  insurance: z.object({ provider: z.string().trim().max(200), policyNumber: z.string().trim().max(100) }),
  allergies: z.array(z.string()),
  chronicConditions: z.array(z.string()),
});
export type PatientProfileValues = z.infer<typeof patientProfileSchema>;

export function profileToValues(p: PatientProfile): PatientProfileValues {
  return {
    givenName: p.givenName ?? "",
    familyName: p.familyName ?? "",
    dateOfBirth: p.dateOfBirth ?? "",
    sex: p.sex ?? "unknown",
    phone: p.phone ?? "",
    address: typeof p.address === "string" ? p.address : "",
    preferredLanguage: p.preferredLanguage === "ru" ? "ru" : "en",
    insurance: { provider: p.insurance?.provider ?? "", policyNumber: p.insurance?.policyNumber ?? "" },
    allergies: p.allergies ?? [],
    chronicConditions: p.chronicConditions ?? [],
  };
}

export function valuesToUpdate(v: PatientProfileValues): PatientProfileUpdate {
  const hasInsurance = v.insurance.provider.trim() !== "" || v.insurance.policyNumber.trim() !== "";
  return {
    givenName: v.givenName.trim(),
    familyName: v.familyName.trim(),
    dateOfBirth: v.dateOfBirth,
    sex: v.sex,
    phone: v.phone.trim() || null,
    address: v.address.trim() || null,
    preferredLanguage: v.preferredLanguage,
    insurance: hasInsurance ? { provider: v.insurance.provider.trim(), policyNumber: v.insurance.policyNumber.trim() } : null,
    allergies: v.allergies,
    chronicConditions: v.chronicConditions,
  };
}

export const PROFILE_FIELDS = [
  "givenName",
  "familyName",
  "dateOfBirth",
  "sex",
  "phone",
  "address",
  "preferredLanguage",
  "insurance.provider",
  "insurance.policyNumber",
  "allergies",
  "chronicConditions",
] as const;
