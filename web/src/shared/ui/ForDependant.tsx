import { UserSentence } from "./UserText";

/**
 * "For Masha Fedorova" ("Для: Masha Fedorova") on an item of a guardian's list that is a dependant's: the server names the patient
 * (`patientName`) only on those, so the account's own items show nothing. The name is user text (isolated for direction).
 */
export function ForDependant({ name }: { name?: string | null }) {
  return name ? (
    <p className="muted" data-testid="item-for">
      <UserSentence i18nKey="patient.forDependant" user={{ name }} />
    </p>
  ) : null;
}
