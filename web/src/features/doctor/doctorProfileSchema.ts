import { z } from "zod";
import type { OwnDoctorProfile } from "../../shared/api/types";
import type { DoctorProfileUpdate } from "./doctorApi";
import { majorToMinor, minorToMajorString, minorUnitFactor } from "../../shared/ui/format";

const currentYear = new Date().getUTCFullYear();

export const doctorProfileSchema = z.object({
  bio: z.string().max(4000),
  languages: z.array(z.string()).min(1, "validation.oneLanguage"),
  education: z.array(
    z.object({
      institution: z.string().trim().min(1, "validation.required"),
      degree: z.string().trim().min(1, "validation.required"),
      year: z
        .string()
        .regex(/^\d{4}$/, "validation.year")
        .refine((v) => Number(v) >= 1940 && Number(v) <= currentYear, "validation.year"),
    }),
  ),
  hourlyRate: z.string().refine((v) => {
    const minor = majorToMinor(v);
    return minor !== undefined && !Number.isNaN(minor);
  }, "validation.nonNegative"),
  currency: z.string().regex(/^[A-Z]{3}$/, "validation.required"),
  yearsOfExperience: z.string().regex(/^\d{1,2}$/, "validation.nonNegative"),
});
export type DoctorProfileValues = z.infer<typeof doctorProfileSchema>;

export function doctorProfileToValues(p: OwnDoctorProfile): DoctorProfileValues {
  const currency = p.hourlyRate?.currency ?? "RUB";
  return {
    bio: p.bio ?? "",
    languages: p.languages ?? [],
    education: (p.education ?? []).map((e) => ({ institution: e.institution, degree: e.degree, year: String(e.year) })),
    hourlyRate: minorToMajorString(p.hourlyRate?.amountMinor, minorUnitFactor(currency)),
    currency,
    yearsOfExperience: String(p.yearsOfExperience ?? 0),
  };
}

export function doctorValuesToUpdate(v: DoctorProfileValues): DoctorProfileUpdate {
  return {
    bio: v.bio.trim(),
    languages: v.languages,
    education: v.education.map((e) => ({ institution: e.institution.trim(), degree: e.degree.trim(), year: Number(e.year) })),
    hourlyRate: { amountMinor: majorToMinor(v.hourlyRate, minorUnitFactor(v.currency)) ?? 0, currency: v.currency },
    yearsOfExperience: Number(v.yearsOfExperience),
  };
}
