import { useState } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { consultationsApi, type DoctorQueue } from "../../shared/api/consultations";
import { prefetchCallInfo, prewarmCallHub } from "../../shared/realtime/callHubConnection";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The patient to take next: a booked patient already waiting first (their time has come), then the on-call pool in its order. */
export function nextInQueue(queue: DoctorQueue): string | null {
  const waitingBooked = queue.booked.find((i) => i.waitingSince);
  return (waitingBooked ?? queue.booked[0] ?? queue.pool[0])?.consultationId ?? null;
}

/**
 * "Next patient" at the end of a visit: reads the doctor's queue and takes the next patient (POST /{id}/accept), opening
 * their consultation; with nobody waiting (or when another doctor took them first) it opens the queue page instead.
 */
export function NextPatientButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const openNext = async () => {
    setBusy(true);
    setError(null);
    try {
      const queue = await consultationsApi.queue();
      const next = nextInQueue(queue);
      if (!next) {
        await navigate("/doctor/consultations");
        return;
      }
      prewarmCallHub();
      const view = await consultationsApi.accept(next);
      queryClient.setQueryData(["consultation", view.id], view);
      if (view.kind !== "chat") prefetchCallInfo(view.id);
      await navigate(`/consultations/${encodeURIComponent(view.id)}/call`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <div className="button-row">
        <BusyButton type="button" className="button" onClick={() => void openNext()} busy={busy} busyLabel={t("doctorDesk.nextPatient.opening")} data-testid="next-patient">
          {t("calls.ending.nextPatient")}
        </BusyButton>
      </div>
      <ProblemMessage error={error} namespace="consultations" />
    </div>
  );
}
