import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Sharing } from "./recordApi";
import { isolate } from "../../shared/ui/UserText";

/** A doctor the patient may share with: one they have had a consultation with (user id and display name). */
export interface DoctorChoice {
  userId: string;
  name: string;
}

const OPTIONS: Sharing[] = ["care_team", "doctor", "private"];

/**
 * Who may see a document: the care team, one doctor from the patient's own doctors, or nobody but the patient. `patientName`: the
 * dependant whose record it is (a guardian's child), so the choices say "Sofia's care team" rather than "My care team".
 */
export function SharingFields({
  sharing,
  doctorUserId,
  doctors,
  onSharing,
  onDoctor,
  patientName,
}: {
  sharing: Sharing;
  doctorUserId: string;
  doctors: DoctorChoice[];
  onSharing: (sharing: Sharing) => void;
  onDoctor: (userId: string) => void;
  patientName?: string;
}) {
  const { t } = useTranslation();
  const name = patientName ? { name: isolate(patientName) } : null;
  const id = useId();
  return (
    <fieldset className="stack">
      <legend>{t("record.sharing.legend")}</legend>
      {OPTIONS.map((option) => (
        <label key={option} className="checkbox">
          <input type="radio" name={`${id}-sharing`} value={option} checked={sharing === option} onChange={() => onSharing(option)} />
          {name && option !== "private" ? t(`record.sharing.${option}For`, name) : t(`record.sharing.${option}`)}
        </label>
      ))}
      {sharing === "doctor" ? (
        doctors.length === 0 ? (
          <p className="field-hint">{name ? t("record.sharing.noDoctorsFor", name) : t("record.sharing.noDoctors")}</p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-doctor`}>{t("record.sharing.doctor_pick")}</label>
            <select id={`${id}-doctor`} className="input" value={doctorUserId} onChange={(e) => onDoctor(e.target.value)}>
              <option value="">{t("record.sharing.pickDoctor")}</option>
              {doctors.map((d) => (
                <option key={d.userId} value={d.userId}>
                  {isolate(d.name)}
                </option>
              ))}
            </select>
          </div>
        )
      ) : null}
    </fieldset>
  );
}
