import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { schedulingApi, type Appointment, type Availability, type ExceptionKind } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { SuccessMessage } from "../../shared/ui/feedback";
import { formatCalendarDate, isIsoDate, shortHhMm } from "../../shared/time/zonedTime";
import { clinicNameFor, hasCode, ProblemAlert, useClinics } from "./common";
import { validateExceptionHours } from "./availabilityRules";
import { AffectedVisitsPanel, type AffectedVisitsChoice } from "./AffectedVisitsPanel";
import { UserText, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

interface Draft {
  clinicId: string;
  date: string;
  kind: ExceptionKind;
  start: string;
  end: string;
}

/**
 * A doctor's days off and extra hours. A day off over booked visits lists them first and is added only once the
 * doctor (or desk) chooses to move or cancel them (the server refuses otherwise with `scheduling.visits_affected`).
 */
export function ExceptionsEditor({ doctorId, view }: { doctorId: string; view: Availability }) {
  const { t, i18n } = useTranslation();
  const { clinicById } = useClinics();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [draft, setDraft] = useState<Draft>({ clinicId: view.clinics[0]?.id ?? "", date: "", kind: "dayOff", start: "10:00", end: "14:00" });
  const [problem, setProblem] = useState<string | null>(null);
  const [affected, setAffected] = useState<Appointment[] | null>(null);
  const [settled, setSettled] = useState<string | null>(null);
  const clinicName = (id: string) => view.clinics.find((c) => c.id === id)?.name ?? id;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["availability", doctorId] });
    void queryClient.invalidateQueries({ queryKey: ["doctor-calendar"] });
  };
  const check = useMutation({
    mutationFn: () => schedulingApi.affectedVisits(doctorId, draft.clinicId, draft.date),
    onSuccess: (visits) => {
      if (visits.length > 0) setAffected(visits);
      else add.mutate(undefined);
    },
  });
  const add = useMutation({
    mutationFn: (choice: AffectedVisitsChoice | undefined) =>
      schedulingApi.addException(doctorId, {
        clinicId: draft.clinicId,
        date: draft.date,
        kind: draft.kind,
        ...(draft.kind === "extraHours" ? { start: draft.start, end: draft.end } : {}),
        ...(choice ? { affectedVisits: choice } : {}),
      }),
    onSuccess: (_, choice) => {
      setDraft((d) => ({ ...d, date: "" }));
      setAffected(null);
      setSettled(choice === "move" ? "scheduling.dayOffVisitsMoved" : choice === "cancel" ? "scheduling.dayOffVisitsCancelled" : null);
      refresh();
    },
    onError: (error) => {
      // A visit was booked between the check and the save: list again.
      if (hasCode(error, "scheduling.visits_affected")) check.mutate();
      else refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => schedulingApi.removeException(doctorId, id),
    onSuccess: refresh,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSettled(null);
    if (!draft.clinicId) return setProblem("validation.required");
    if (!isIsoDate(draft.date)) return setProblem("validation.date");
    const hoursProblem = validateExceptionHours(draft.kind, draft.start, draft.end);
    if (hoursProblem) return setProblem(hoursProblem);
    setProblem(null);
    if (draft.kind === "dayOff") check.mutate();
    else add.mutate(undefined);
  };

  const sorted = [...view.exceptions].sort((a, b) => a.date.localeCompare(b.date));
  const busy = add.isPending || check.isPending;
  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("scheduling.exceptions")}</h2>
      {sorted.length === 0 ? <p className="muted">{t("scheduling.noExceptions")}</p> : null}
      <ul className="list-cards" data-testid="availability-exceptions">
        {sorted.map((x) => (
          <li key={x.id} className="list-card" data-exception-id={x.id}>
            <span className="list-card__title">
              {formatCalendarDate(x.date, i18n.language, "long")} · <UserText>{clinicName(x.clinicId)}</UserText>
            </span>
            <span>
              {x.kind === "dayOff"
                ? t("scheduling.dayOff")
                : t("scheduling.extraHoursRange", { start: shortHhMm(x.start), end: shortHhMm(x.end) })}
            </span>
            <BusyButton
              type="button"
              className="button button--secondary button--small"
              busy={remove.isPending && remove.variables === x.id} disabled={remove.isPending}
              aria-label={t("scheduling.removeException", { date: formatCalendarDate(x.date, i18n.language, "long") })}
              onClick={() => remove.mutate(x.id)}
            >
              {t("app.remove")}
            </BusyButton>
          </li>
        ))}
      </ul>
      <ProblemAlert error={remove.error} />
      {settled ? <SuccessMessage>{t(settled)}</SuccessMessage> : null}
      <form className="filters" onSubmit={onSubmit} noValidate aria-label={t("scheduling.addException")}>
        <SelectField
          label={t("scheduling.clinic")}
          value={draft.clinicId}
          onChange={(e) => setDraft({ ...draft, clinicId: e.target.value })}
          options={view.clinics.map((c) => ({ value: c.id, label: isolate(clinicNameFor(clinicById(c.id), c.name)) }))}
        />
        <TextField
          label={t("scheduling.date")}
          type="date"
          value={draft.date}
          onChange={(e) => {
            setAffected(null);
            setDraft({ ...draft, date: e.target.value });
          }}
        />
        <SelectField
          label={t("scheduling.exceptionKind")}
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value as ExceptionKind })}
          options={[
            { value: "dayOff", label: t("scheduling.dayOff") },
            { value: "extraHours", label: t("scheduling.extraHours") },
          ]}
        />
        {draft.kind === "extraHours" ? (
          <>
            <TextField label={t("scheduling.start")} type="time" value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.target.value })} />
            <TextField label={t("scheduling.end")} type="time" value={draft.end} onChange={(e) => setDraft({ ...draft, end: e.target.value })} />
          </>
        ) : null}
        <div className="filters__actions">
          <BusyButton type="submit" className="button button--secondary" busy={busy && !affected} disabled={busy}>
            {t("scheduling.addException")}
          </BusyButton>
        </div>
      </form>
      {problem ? (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {affected ? <AffectedVisitsPanel visits={affected} busy={busy} choosing={add.isPending ? add.variables : undefined} onChoose={(choice) => add.mutate(choice)} onKeep={() => setAffected(null)} /> : null}
      <ProblemAlert error={hasCode(add.error, "scheduling.visits_affected") ? null : add.error} />
      <ProblemAlert error={check.error} />
    </section>
  );
}
