import { z } from "zod";
import type { DoctorSearch } from "./patientApi";
import { majorToMinor, minorToMajorString } from "../../shared/ui/format";

const price = z
  .string()
  .refine((v) => v.trim() === "" || !Number.isNaN(majorToMinor(v)), "validation.nonNegative");

export const doctorFilterSchema = z
  .object({
    specialty: z.string(),
    language: z.string(),
    clinicId: z.string(),
    minPrice: price,
    maxPrice: price,
    name: z.string(),
  })
  .refine(
    (v) => {
      const min = majorToMinor(v.minPrice);
      const max = majorToMinor(v.maxPrice);
      return min === undefined || max === undefined || Number.isNaN(min) || Number.isNaN(max) || min <= max;
    },
    { message: "validation.priceRange", path: ["maxPrice"] },
  );

export type DoctorFilterValues = z.infer<typeof doctorFilterSchema>;

export const EMPTY_FILTERS: DoctorFilterValues = { specialty: "", language: "", clinicId: "", minPrice: "", maxPrice: "", name: "" };

/** The form's values (prices in major units) → URL search params (prices in minor units). */
export function filtersToParams(values: DoctorFilterValues, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  if (values.specialty) params.set("specialty", values.specialty);
  if (values.language) params.set("language", values.language);
  if (values.clinicId) params.set("clinicId", values.clinicId);
  const min = majorToMinor(values.minPrice);
  const max = majorToMinor(values.maxPrice);
  if (min !== undefined && !Number.isNaN(min)) params.set("minPrice", String(min));
  if (max !== undefined && !Number.isNaN(max)) params.set("maxPrice", String(max));
  if (values.name.trim()) params.set("name", values.name.trim());
  if (page > 1) params.set("page", String(page));
  return params;
}

function intParam(params: URLSearchParams, key: string): number | undefined {
  const raw = params.get(key);
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** URL search params → the API query. */
export function paramsToQuery(params: URLSearchParams, pageSize: number): DoctorSearch {
  return {
    specialty: params.get("specialty") || undefined,
    language: params.get("language") || undefined,
    clinicId: params.get("clinicId") || undefined,
    minPrice: intParam(params, "minPrice"),
    maxPrice: intParam(params, "maxPrice"),
    name: params.get("name") || undefined,
    page: Math.max(1, intParam(params, "page") ?? 1),
    pageSize,
  };
}

/** URL search params → the form's values, so a reload or "back" shows the same filters. */
export function paramsToFilters(params: URLSearchParams): DoctorFilterValues {
  return {
    specialty: params.get("specialty") ?? "",
    language: params.get("language") ?? "",
    clinicId: params.get("clinicId") ?? "",
    minPrice: minorToMajorString(intParam(params, "minPrice")),
    maxPrice: minorToMajorString(intParam(params, "maxPrice")),
    name: params.get("name") ?? "",
  };
}
