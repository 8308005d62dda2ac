import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Sex } from "../../shared/api/types";
import { patientApi, patientKeys } from "./patientApi";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, SuccessMessage } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";

const SEXES: Sex[] = ["female", "male", "other", "unknown"];
const EMPTY = { givenName: "", familyName: "", dateOfBirth: "", sex: "female" as Sex };

/**
 * "My children": the dependents on the patient's account and a form to add one (name, date of birth, sex). A child is
 * a patient of their own; the parent books for them and sees their visits.
 */
export function DependentsPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const dependents = useQuery({ queryKey: patientKeys.myDependents, queryFn: patientApi.myDependents });
  const [draft, setDraft] = useState(EMPTY);
  const [missing, setMissing] = useState<string[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  // One key per child's details until they are added: sent again after an error or a lost answer, the child is added once.
  const addKey = useRequestKey();
  const add = useMutation({
    mutationFn: () => {
      const child = { ...draft, givenName: draft.givenName.trim(), familyName: draft.familyName.trim() };
      return patientApi.addDependent(child, addKey.keyFor(JSON.stringify(child)));
    },
    onSuccess: (child) => {
      addKey.done();
      setAdded(`${child.givenName} ${child.familyName}`);
      setDraft(EMPTY);
      void queryClient.invalidateQueries({ queryKey: patientKeys.myDependents });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const empty = (["givenName", "familyName", "dateOfBirth"] as const).filter((k) => !draft[k].trim());
    setMissing(empty);
    if (empty.length === 0) add.mutate();
  };
  const required = (key: string) => (missing.includes(key) ? { message: "validation.required" } : undefined);

  return (
    <section className="card stack" aria-labelledby="dependents-title" data-testid="dependents">
      <h2 id="dependents-title">{t("publicDoctors.dependentsTitle")}</h2>
      <p className="muted">{t("publicDoctors.dependentsHint")}</p>
      <ErrorAlert error={dependents.error} />
      {dependents.data && dependents.data.length === 0 ? <EmptyState>{t("publicDoctors.noDependents")}</EmptyState> : null}
      {dependents.data && dependents.data.length > 0 ? (
        <ul className="list-cards" data-testid="dependents-list">
          {dependents.data.map((child) => (
            <li key={child.id} className="list-card">
              <span className="list-card__title">
                <UserText>
                  {child.givenName} {child.familyName}
                </UserText>
              </span>
              <span>
                {t("publicDoctors.bornOn", { date: formatDate(child.dateOfBirth, i18n.language) })} · {t(`sex.${child.sex}`)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="add-dependent-title">
        <h3 id="add-dependent-title">{t("publicDoctors.addDependent")}</h3>
        <TextField
          dir="auto"
          label={t("publicDoctors.childGivenName")}
          value={draft.givenName}
          onChange={(e) => setDraft({ ...draft, givenName: e.target.value })}
          error={required("givenName")}
          autoComplete="off"
        />
        <TextField
          dir="auto"
          label={t("publicDoctors.childFamilyName")}
          value={draft.familyName}
          onChange={(e) => setDraft({ ...draft, familyName: e.target.value })}
          error={required("familyName")}
          autoComplete="off"
        />
        <TextField
          label={t("publicDoctors.childDateOfBirth")}
          type="date"
          value={draft.dateOfBirth}
          onChange={(e) => setDraft({ ...draft, dateOfBirth: e.target.value })}
          error={required("dateOfBirth")}
        />
        <SelectField
          label={t("publicDoctors.childSex")}
          value={draft.sex}
          onChange={(e) => setDraft({ ...draft, sex: e.target.value as Sex })}
          options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
        />
        <ErrorAlert error={add.error} />
        {added ? (
          <SuccessMessage>
            <UserSentence i18nKey="publicDoctors.dependentAdded" user={{ name: added }} />
          </SuccessMessage>
        ) : null}
        <div>
          <BusyButton type="submit" className="button" busy={add.isPending}>
            {t("publicDoctors.addDependentButton")}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
