import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { consultationsApi, type Escalation } from "../../shared/api/consultations";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import { ConsultationProblem, minutesSince, useNow } from "./common";
import { LiveBadge } from "./LiveBadge";
import { useTimeText } from "./useTimeText";
import { useWaitingRoomLive } from "./useWaitingRoomLive";
import type { ConsultationEscalated } from "./waitingRoomHub";
import "./consultations.css";

const ESCALATIONS_KEY = ["consultations", "escalations"] as const;
const POLL_MS = 30_000;

/**
 * /front-desk/escalations — on-demand requests nobody accepted in time (GET /escalations), live over
 * /hubs/waiting-room (WatchEscalations, `consultationEscalated`). Answered ones leave on the next read.
 */
export function FrontDeskEscalationsPage() {
  const { t } = useTranslation();
  useDocumentTitle("consultations.titles.escalations");
  const queryClient = useQueryClient();
  const timeText = useTimeText();
  const now = useNow(30_000);
  const [fresh, setFresh] = useState<string | null>(null);
  const { nameOf } = useSpecialties();
  const escalations = useQuery({ queryKey: ESCALATIONS_KEY, queryFn: consultationsApi.escalations, refetchInterval: POLL_MS });
  const reread = useCallback(() => void queryClient.invalidateQueries({ queryKey: ESCALATIONS_KEY }), [queryClient]);

  const live = useWaitingRoomLive({
    watch: ["WatchEscalations"],
    events: {
      consultationEscalated: (event: ConsultationEscalated) => {
        queryClient.setQueryData<Escalation[]>(ESCALATIONS_KEY, (old) =>
          old && !old.some((e) => e.consultationId === event.consultationId)
            ? [...old, { consultationId: event.consultationId, specialty: event.specialty, waitingSince: event.waitingSince, kind: event.kind }]
            : old,
        );
        setFresh(event.consultationId);
        reread();
      },
    },
    onResync: reread,
  });

  const since = (e: Escalation) => (e.waitingSince ? Date.parse(e.waitingSince) : Number.MAX_SAFE_INTEGER);
  const rows = [...(escalations.data ?? [])].sort((a, b) => since(a) - since(b));

  return (
    <div className="stack">
      <div className="section-header section-header--wrap">
        <h1>{t("consultations.frontDesk.title")}</h1>
        <LiveBadge status={live} />
      </div>
      <p className="lead">{t("consultations.frontDesk.intro")}</p>
      <p className="visually-hidden" aria-live="assertive">
        {fresh ? t("consultations.frontDesk.newAlert") : ""}
      </p>
      {escalations.isPending ? <Loading /> : null}
      <ConsultationProblem error={escalations.error} onRetry={() => void escalations.refetch()} />
      {escalations.data ? (
        <div className="card" data-testid="escalations">
          {rows.length === 0 ? (
            <EmptyState>{t("consultations.frontDesk.empty")}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table table--stack">
                <thead>
                  <tr>
                    <th scope="col">{t("consultations.frontDesk.specialty")}</th>
                    <th scope="col">{t("consultations.frontDesk.kind")}</th>
                    <th scope="col">{t("consultations.frontDesk.waitingSince")}</th>
                    <th scope="col">{t("consultations.frontDesk.waitingFor")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.consultationId} data-consultation-id={e.consultationId} className={e.consultationId === fresh ? "row--selected" : undefined}>
                      <td data-label={t("consultations.frontDesk.specialty")}>{nameOf(e.specialty)}</td>
                      <td data-label={t("consultations.frontDesk.kind")}>{e.kind ? t(`consultations.kinds.${e.kind}`, { defaultValue: e.kind }) : "—"}</td>
                      <td data-label={t("consultations.frontDesk.waitingSince")}>{e.waitingSince ? timeText(e.waitingSince, true) : "—"}</td>
                      <td data-label={t("consultations.frontDesk.waitingFor")}>
                        {e.waitingSince ? t("consultations.frontDesk.minutes", { count: minutesSince(e.waitingSince, now) ?? 0 }) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
