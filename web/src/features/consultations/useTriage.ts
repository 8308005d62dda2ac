import { useEffect, useState } from "react";
import { consultationsApi, type ComplaintDraft, type TriageResult } from "../../shared/api/consultations";

export const TRIAGE_DELAY_MS = 600;

/**
 * Runs POST /triage on the form as the patient edits it, debounced. Keeps the last answer while a
 * new one is on its way (and when a check fails), so an emergency warning does not flicker away.
 * Nothing is checked (and the answer is cleared) while `enabled` is false.
 */
export function useTriage(draft: ComplaintDraft, enabled: boolean, delayMs = TRIAGE_DELAY_MS) {
  const key = JSON.stringify(draft);
  const [result, setResult] = useState<TriageResult | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    if (!enabled) {
      setResult(null);
      setChecking(false);
      return;
    }
    const controller = new AbortController();
    setChecking(true);
    const timer = setTimeout(() => {
      consultationsApi
        .triage(JSON.parse(key) as ComplaintDraft, controller.signal)
        .then((answer) => {
          if (!controller.signal.aborted) setResult(answer);
        })
        .catch(() => undefined)
        .finally(() => {
          if (!controller.signal.aborted) setChecking(false);
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, enabled, delayMs]);

  return { result, checking };
}
