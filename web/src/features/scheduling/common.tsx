import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../shared/api/errors";
import { FieldErrorList } from "../../shared/ui/fieldErrors";
import { useProblemText } from "../../shared/ui/problemText";
import { schedulingApi, type AppointmentKind, type AppointmentStatus, type Clinic } from "../../shared/api/scheduling";
import { cityOfZone, formatDayLong, formatDayShort, formatTime, sameWallClock, zonedParts } from "../../shared/time/zonedTime";
import { isolate } from "../../shared/ui/UserText";

export function useClinics() {
  const query = useQuery({ queryKey: ["clinics"], queryFn: schedulingApi.clinics, staleTime: 10 * 60_000 });
  const byId = new Map((query.data ?? []).map((c) => [c.id, c]));
  return { ...query, clinicById: (id: string): Clinic | undefined => byId.get(id) };
}

/**
 * The clinic's name in the reader's language: /clinics answers in it (the clinic's own translation), while slots, appointments and
 * the front desk's day carry the English original, which left "Telemed Clinic Moscow (Москва)" in the Russian app.
 */
export function clinicNameFor(clinic: Pick<Clinic, "name"> | undefined, original: string): string {
  return clinic?.name || original;
}

/** Readable city for a clinic's zone: the clinic's own city when known, else the zone's exemplar city. */
export function cityFor(clinic: Pick<Clinic, "city"> | undefined, zone: string): string {
  return clinic?.city || cityOfZone(zone);
}

export function useKindLabel() {
  const { t } = useTranslation();
  return (kind: AppointmentKind) => t(`scheduling.kinds.${kind}`, { defaultValue: kind });
}

export function StatusBadge({ status, testId }: { status: AppointmentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status-${status}`} data-testid={testId} data-status={status}>
      {t(`scheduling.status.${status}`, { defaultValue: status })}
    </span>
  );
}

export interface TimeTexts {
  /** "03:00" in the viewer's zone */
  time: string;
  /** "03:00 your time · 09:00 in Berlin" (or just "03:00" when both clocks agree) */
  both: string;
  /** "Sunday, March 29, 2026" in the viewer's zone */
  day: string;
  /** "Sun, Mar 29" in the viewer's zone */
  dayShort: string;
  /** "09:00 in Berlin" or "" when both clocks agree */
  clinic: string;
  /** The viewer's zone date key (YYYY-MM-DD) for grouping. */
  dateKey: string;
}

/**
 * Times of an instant for the viewer (patient or staff, in `viewerZone`) and for the clinic.
 * The clinic's time is added only when its wall clock differs from the viewer's.
 */
export function useTimeTexts() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (instant: string, viewerZone: string, clinicZone: string, city: string): TimeTexts => {
    const time = formatTime(instant, viewerZone, locale);
    const day = formatDayLong(instant, viewerZone, locale);
    const dayShort = formatDayShort(instant, viewerZone, locale);
    const p = zonedParts(instant, viewerZone);
    const dateKey = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
    if (sameWallClock(instant, viewerZone, clinicZone)) {
      return { time, both: time, day, dayShort, clinic: "", dateKey };
    }
    let clinicTime = formatTime(instant, clinicZone, locale);
    const clinicParts = zonedParts(instant, clinicZone);
    if (clinicParts.day !== p.day || clinicParts.month !== p.month) {
      clinicTime = `${clinicTime} (${formatDayShort(instant, clinicZone, locale)})`;
    }
    const clinic = t("scheduling.timeInCity", { time: clinicTime, city: isolate(city) });
    return { time, both: t("scheduling.yourTimeAndClinic", { time, clinic }), day, dayShort, clinic, dateKey };
  };
}

/** A failed call as text: the translated code (scheduling's own texts first, in `scheduling.errors`), the server's detail and any field errors (by their readable names). */
export function ProblemAlert({ error, onRetry, children }: { error: unknown; onRetry?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const problemText = useProblemText("scheduling");
  if (!error) return null;
  const { message, detail } = problemText.describe(error);
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {detail ? <p className="alert__detail">{detail}</p> : null}
      <FieldErrorList error={error} />
      {children}
      {onRetry ? (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          {t("app.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function hasCode(error: unknown, code: string): boolean {
  return isApiError(error) && error.code === code;
}
