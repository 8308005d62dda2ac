import { z } from "zod";
import type { AppointmentKind, SlotQuery } from "../../shared/api/scheduling";
import { addDays, isIsoDate, today } from "../../shared/time/zonedTime";

export const MAX_RANGE_DAYS = 62;
export const SLOT_PAGE_SIZE = 10;
export const SLOTS_PER_DOCTOR = 6;

const kinds = ["video", "inPerson", "chat"] as const;

export const slotFilterSchema = z
  .object({
    specialty: z.string(),
    language: z.string(),
    kind: z.enum(kinds),
    clinicId: z.string(),
    from: z.string().refine(isIsoDate, "validation.date"),
    to: z.string().refine(isIsoDate, "validation.date"),
  })
  .superRefine((v, ctx) => {
    if (!isIsoDate(v.from) || !isIsoDate(v.to)) return;
    if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "scheduling.rangeOrder" });
    else if ((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 > MAX_RANGE_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "scheduling.rangeTooLong" });
  });

export type SlotFilterValues = z.infer<typeof slotFilterSchema>;

export function defaultRange(zone?: string): { from: string; to: string } {
  const from = today(zone);
  return { from, to: addDays(from, 7) };
}

export function paramsToSlotFilters(params: URLSearchParams, zone?: string): SlotFilterValues {
  const range = defaultRange(zone);
  const kind = params.get("kind") ?? "";
  return {
    specialty: params.get("specialty") ?? "",
    language: params.get("language") ?? "",
    kind: (kinds as readonly string[]).includes(kind) ? (kind as SlotFilterValues["kind"]) : "video",
    clinicId: params.get("clinicId") ?? "",
    from: isIsoDate(params.get("from")) ? params.get("from")! : range.from,
    to: isIsoDate(params.get("to")) ? params.get("to")! : range.to,
  };
}

export function slotFiltersToParams(values: SlotFilterValues, extra: Record<string, string | undefined> = {}, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...extra, ...values })) if (value) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  return params;
}

export function slotQueryFrom(values: SlotFilterValues, timeZone: string, page: number): SlotQuery {
  return {
    specialty: values.specialty || undefined,
    language: values.language || undefined,
    kind: values.kind as AppointmentKind,
    clinicId: values.clinicId || undefined,
    from: values.from,
    to: values.to,
    timeZone,
    perDoctor: SLOTS_PER_DOCTOR,
    page,
    pageSize: SLOT_PAGE_SIZE,
  };
}
