import { useTranslation } from "react-i18next";
import type { Slot } from "../../shared/api/scheduling";
import { clock } from "../../shared/time/zonedTime";
import { cityFor, clinicNameFor, useClinics, useKindLabel, useTimeTexts } from "./common";
import { isolate } from "../../shared/ui/UserText";

/**
 * Free slots of one doctor as buttons, grouped by the viewer's day. Each button's accessible name
 * carries the date and the viewer's time (and the clinic's when it differs).
 */
export function SlotButtons({
  doctorId,
  doctorName,
  slots,
  onPick,
  selectedStart,
}: {
  doctorId: string;
  doctorName: string;
  slots: Slot[];
  onPick: (slot: Slot) => void;
  selectedStart?: string;
}) {
  const { t } = useTranslation();
  const times = useTimeTexts();
  const kindLabel = useKindLabel();
  const { clinicById } = useClinics();

  const groups: { key: string; day: string; items: { slot: Slot; both: string; label: string }[] }[] = [];
  for (const slot of slots) {
    const viewerZone = slot.patientTimeZone || clock.timeZone();
    const text = times(slot.start, viewerZone, slot.clinicTimeZone, cityFor(clinicById(slot.clinicId), slot.clinicTimeZone));
    const label = t("scheduling.slotLabel", {
      day: text.day,
      time: text.time,
      clinicTime: text.clinic ? `, ${text.clinic}` : "",
      kind: kindLabel(slot.kind),
      clinic: isolate(clinicNameFor(clinicById(slot.clinicId), slot.clinicName)),
      doctor: isolate(doctorName),
    });
    let group = groups.find((g) => g.key === text.dateKey);
    if (!group) {
      group = { key: text.dateKey, day: text.dayShort, items: [] };
      groups.push(group);
    }
    group.items.push({ slot, both: text.both, label });
  }

  return (
    <div className="slot-list" data-testid="slot-list" data-doctor-id={doctorId}>
      {groups.map((group) => (
        <div key={group.key} className="slot-day">
          <p className="slot-day__label">{group.day}</p>
          <ul className="slot-buttons">
            {group.items.map(({ slot, both, label }) => (
              <li key={`${slot.start}-${slot.clinicId}-${slot.kind}`}>
                <button
                  type="button"
                  className={`slot-button${selectedStart === slot.start ? " slot-button--selected" : ""}`}
                  aria-label={label}
                  aria-pressed={selectedStart !== undefined ? selectedStart === slot.start : undefined}
                  data-start={slot.start}
                  onClick={() => onPick(slot)}
                >
                  {both}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
