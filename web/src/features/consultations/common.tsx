import { useEffect, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { consultationsApi } from "../../shared/api/consultations";
import { FieldErrorList } from "../../shared/ui/fieldErrors";
import { useProblemText } from "../../shared/ui/problemText";
import { clock } from "../../shared/time/zonedTime";
import { REGION_SHAPES, SYMPTOM_CODES } from "./bodyMap";

/** Labels of regions and symptoms: the server's (GET /body-regions) or ours. */
export function useCatalogue() {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ["consultations", "body-regions", i18n.language],
    queryFn: consultationsApi.bodyRegions,
    staleTime: 60 * 60_000,
    retry: false,
  });
  const regionLabels = new Map((query.data?.regions ?? []).map((r) => [r.code, r.label]));
  const symptomLabels = new Map((query.data?.symptoms ?? []).map((s) => [s.code, s.label]));
  const known = new Set(REGION_SHAPES.map((r) => r.code));
  const serverSymptoms = (query.data?.symptoms ?? []).map((s) => s.code);
  // The server labels in English only: other languages use our translation first, the server's label for codes we do not know.
  const localFirst = !i18n.language.startsWith("en");
  const label = (kind: "regions" | "symptoms", server: Map<string, string>, code: string) => {
    const key = `consultations.${kind}.${code}`;
    const local = i18n.exists(key) ? t(key) : undefined;
    return (localFirst ? local || server.get(code) : server.get(code) || local) || code;
  };
  return {
    regionLabel: (code: string) => label("regions", regionLabels, code),
    symptomLabel: (code: string) => label("symptoms", symptomLabels, code),
    /** Symptoms to offer: the server's list when it has one, else the contract's. */
    symptoms: serverSymptoms.length > 0 ? serverSymptoms : [...SYMPTOM_CODES],
    /** Regions the server lists that the map can draw (all of them, for the contract's list). */
    isKnownRegion: (code: string) => known.has(code),
  };
}

/** A failed call as an alert: our text, then the server's ProblemDetails message (detail). */
export function ConsultationProblem({ error, onRetry, children }: { error: unknown; onRetry?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const text = useProblemText("consultations");
  if (!error) return null;
  const { message, detail } = text.describe(error);
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

/** "Now" that re-renders every `intervalMs` (clock.now() so tests control it). */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** An instant from the server; one without an offset is UTC (the API only sends UTC). */
export function asUtc(instant: string): string {
  return /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(instant) ? instant : `${instant}Z`;
}

/** Whole minutes from `since` to `now` (never negative). */
export function minutesSince(since: string | null | undefined, now: Date): number | null {
  if (!since) return null;
  const start = Date.parse(asUtc(since));
  if (Number.isNaN(start)) return null;
  return Math.max(0, Math.floor((now.getTime() - start) / 60_000));
}
