import { useCallback, useEffect, useRef, useState } from "react";
import { isApiError } from "../../shared/api/errors";
import { clinicalApi, type ProtocolDiagnosis, type ProtocolDraft, type ProtocolReferral, type VisitProtocol } from "./clinicalApi";

/** What the doctor edits: the protocol's sections; diagnoses keep their catalogue titles for display; "" is no follow-up date. */
export interface ProtocolForm {
  complaints: string;
  historyOfPresentIllness: string;
  objectiveFindings: string;
  recommendations: string;
  diagnoses: ProtocolDiagnosis[];
  referrals: ProtocolReferral[];
  followUpOn: string;
}

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "conflict" }
  | { kind: "error"; error: unknown };

/** How long after the last keystroke the protocol saves itself (blur saves at once). */
export const AUTOSAVE_DELAY_MS = 1500;

export function formOf(protocol: VisitProtocol): ProtocolForm {
  return {
    complaints: protocol.complaints,
    historyOfPresentIllness: protocol.historyOfPresentIllness,
    objectiveFindings: protocol.objectiveFindings,
    recommendations: protocol.recommendations,
    diagnoses: protocol.diagnoses,
    referrals: protocol.referrals,
    followUpOn: protocol.followUpOn ?? "",
  };
}

export function requestOf(form: ProtocolForm): ProtocolDraft {
  return {
    complaints: form.complaints,
    historyOfPresentIllness: form.historyOfPresentIllness,
    objectiveFindings: form.objectiveFindings,
    recommendations: form.recommendations,
    diagnoses: form.diagnoses.map(({ code, role, certainty }) => ({ code, role, certainty })),
    referrals: form.referrals.map((r) => ({ kind: r.kind, target: r.target, note: r.note ?? "" })),
    followUpOn: form.followUpOn || null,
  };
}

/**
 * Versioned autosave of the protocol: edits save themselves {@link AUTOSAVE_DELAY_MS} after typing stops, and at once on
 * `flush()` (blur, before signing). Saves never overlap: each sends the version the previous one returned, so a 409
 * `clinical.protocol_changed` means another tab saved in between — the state turns to "conflict" and nothing more is sent
 * until the doctor reloads.
 */
export function useProtocolAutosave(consultationId: string, initial: VisitProtocol) {
  const [form, setForm] = useState<ProtocolForm>(() => formOf(initial));
  const [state, setState] = useState<SaveState>(initial.version > 0 && initial.updatedAt ? { kind: "saved", at: initial.updatedAt } : { kind: "idle" });
  const latest = useRef(form);
  const version = useRef(initial.version);
  const dirty = useRef(false);
  const conflict = useRef(false);
  const running = useRef<Promise<void> | null>(null);
  const [edits, setEdits] = useState(0);

  const saveOnce = useCallback(async () => {
    if (!dirty.current || conflict.current) return;
    dirty.current = false;
    setState({ kind: "saving" });
    try {
      const saved = await clinicalApi.save(consultationId, version.current, requestOf(latest.current));
      version.current = saved.version;
      setState(dirty.current ? { kind: "saving" } : { kind: "saved", at: saved.updatedAt ?? new Date().toISOString() });
    } catch (error) {
      if (isApiError(error) && error.code === "clinical.protocol_changed") {
        conflict.current = true;
        setState({ kind: "conflict" });
      } else {
        dirty.current = true;
        setState({ kind: "error", error });
      }
    }
  }, [consultationId]);

  /** Saves now what is unsaved (waiting for a save already running); resolves when the protocol on the server is current. */
  const flush = useCallback(async () => {
    while (running.current) await running.current;
    if (!dirty.current || conflict.current) return;
    const run = saveOnce();
    running.current = run;
    try {
      await run;
    } finally {
      running.current = null;
    }
  }, [saveOnce]);

  useEffect(() => {
    if (edits === 0) return;
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [edits, flush]);

  const update = useCallback((change: (form: ProtocolForm) => ProtocolForm) => {
    const next = change(latest.current);
    latest.current = next;
    dirty.current = true;
    setForm(next);
    setEdits((n) => n + 1);
  }, []);

  /** The version the next save or signature must send. */
  const currentVersion = () => version.current;
  const hasUnsaved = () => dirty.current;

  return { form, update, state, flush, currentVersion, hasUnsaved };
}
