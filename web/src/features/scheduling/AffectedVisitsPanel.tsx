import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Appointment } from "../../shared/api/scheduling";
import { clock } from "../../shared/time/zonedTime";
import { useKindLabel, useTimeTexts } from "./common";
import { UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

export type AffectedVisitsChoice = "move" | "cancel";

/**
 * Booked visits a new day off would cover (issue 11, item 4): listed before anything changes, with the two ways to
 * settle them (move to the doctor's next free times, or cancel) — each patient is told — or keep the day as it is.
 */
export function AffectedVisitsPanel({
  visits,
  busy,
  choosing,
  title,
  onChoose,
  onKeep,
}: {
  visits: Appointment[];
  busy: boolean;
  /** The choice whose request runs, so only its button shows it is busy. */
  choosing?: AffectedVisitsChoice;
  /** The heading; by default "N booked visits fall on this day". */
  title?: string;
  onChoose: (choice: AffectedVisitsChoice) => void;
  onKeep: () => void;
}) {
  const { t } = useTranslation();
  const times = useTimeTexts();
  const kindLabel = useKindLabel();
  const titleId = useId();
  return (
    <section className="alert alert--warning stack" aria-labelledby={titleId} data-testid="affected-visits">
      <h3 id={titleId}>{title ?? t("scheduling.affectedTitle", { count: visits.length })}</h3>
      <p>{t("scheduling.affectedIntro")}</p>
      <ul className="list-cards">
        {visits.map((v) => {
          const text = times(v.start, clock.timeZone(), v.clinicTimeZone, v.clinicName);
          return (
            <li key={v.id} className="list-card" data-appointment-id={v.id}>
              <span className="list-card__title">
                {text.dayShort}, {text.time} · <UserText>{v.patientName ?? ""}</UserText>
              </span>
              <span>
                {kindLabel(v.kind)} · {t(`scheduling.status.${v.status}`)}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="button-row">
        <BusyButton type="button" className="button" busy={choosing === "move"} disabled={busy} onClick={() => onChoose("move")}>
          {t("scheduling.affectedMove")}
        </BusyButton>
        <BusyButton type="button" className="button button--danger" busy={choosing === "cancel"} disabled={busy} onClick={() => onChoose("cancel")}>
          {t("scheduling.affectedCancel")}
        </BusyButton>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onKeep}>
          {t("scheduling.affectedKeepWorking")}
        </button>
      </div>
    </section>
  );
}
