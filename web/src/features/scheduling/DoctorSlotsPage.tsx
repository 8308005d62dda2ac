import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { APPOINTMENT_KINDS, schedulingApi, type AppointmentKind } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { addDays, clock, dateInZone, isIsoDate } from "../../shared/time/zonedTime";
import { ProblemAlert, useKindLabel } from "./common";
import { defaultRange, MAX_RANGE_DAYS } from "./slotSearch";
import { SlotButtons } from "./SlotButtons";
import { useBookingFlow } from "./useBookingFlow";
import { WaitlistPanel } from "./WaitlistPanel";
import { zoneName } from "../../shared/time/zoneNames";
import { UserSentence } from "../../shared/ui/UserText";

/** Every free slot of one doctor in a range (the "Book" link of a doctor's profile). */
export function DoctorSlotsPage({ basePath }: { basePath: "/patient" | "/front-desk" }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.bookVisit");
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const patientId = basePath === "/front-desk" ? params.get("patientId") ?? undefined : undefined;
  const timeZone = clock.timeZone();
  const range = defaultRange(timeZone);
  const kindParam = params.get("kind") ?? "";
  const kind: AppointmentKind = (APPOINTMENT_KINDS as readonly string[]).includes(kindParam) ? (kindParam as AppointmentKind) : "video";
  // A time picked on the doctor's profile (`start`, UTC, and `clinicId`): open on the confirm step with it.
  const pickedStart = params.get("start");
  const pickedClinic = params.get("clinicId");
  const pickedDay = pickedStart && !Number.isNaN(Date.parse(pickedStart)) ? dateInZone(pickedStart, timeZone) : null;
  const from = isIsoDate(params.get("from")) ? params.get("from")! : (pickedDay ?? range.from);
  const to = isIsoDate(params.get("to")) ? params.get("to")! : pickedDay ? addDays(pickedDay, 6) : range.to;
  const [draft, setDraft] = useState({ kind: kind as string, from, to });
  const [rangeError, setRangeError] = useState<string | null>(null);
  useEffect(() => setDraft({ kind, from, to }), [kind, from, to]);
  const kindLabel = useKindLabel();
  const flow = useBookingFlow({ basePath, patientId });

  const slots = useQuery({
    queryKey: ["doctor-slots", id, kind, from, to, timeZone],
    queryFn: () => schedulingApi.doctorSlots(id, { kind, from, to, timeZone }),
    placeholderData: keepPreviousData,
  });

  const autoPicked = useRef<string | null>(null);
  const [pickedGone, setPickedGone] = useState(false);
  useEffect(() => {
    if (!pickedStart || !slots.data || slots.isPlaceholderData || autoPicked.current === pickedStart) return;
    autoPicked.current = pickedStart;
    const wanted = Date.parse(pickedStart);
    const slot = slots.data.slots.find((s) => Date.parse(s.start) === wanted && (!pickedClinic || s.clinicId === pickedClinic));
    if (slot) flow.pick(slots.data.doctorId || id, slots.data.displayName, slot, slots.data.hourlyRate, slots.data.specialties);
    else setPickedGone(true);
  }, [pickedStart, pickedClinic, slots.data, slots.isPlaceholderData, flow, id]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!isIsoDate(draft.from) || !isIsoDate(draft.to)) return setRangeError("validation.date");
    if (draft.to < draft.from) return setRangeError("scheduling.rangeOrder");
    if ((Date.parse(draft.to) - Date.parse(draft.from)) / 86_400_000 > MAX_RANGE_DAYS) return setRangeError("scheduling.rangeTooLong");
    setRangeError(null);
    const next = new URLSearchParams();
    if (patientId) next.set("patientId", patientId);
    next.set("kind", draft.kind);
    next.set("from", draft.from);
    next.set("to", draft.to);
    setParams(next);
  };

  if (flow.confirmation) return <div className="stack">{flow.confirmation}</div>;

  const name = slots.data?.displayName ?? "";
  const backHref = basePath === "/patient" ? `/patient/doctors/${encodeURIComponent(id)}` : `/front-desk/book${patientId ? `?patientId=${encodeURIComponent(patientId)}` : ""}`;
  return (
    <div className="stack">
      <p>
        <Link to={backHref}>← {basePath === "/patient" ? t("scheduling.backToProfile") : t("scheduling.backToSearch")}</Link>
      </p>
      <h1>{name ? <UserSentence i18nKey="scheduling.doctorTimesTitle" user={{ doctor: name }} /> : t("scheduling.bookTitle")}</h1>
      <p className="muted">{t("scheduling.timesShownIn", { zone: zoneName(timeZone, i18n.language) })}</p>
      {flow.notice}
      {pickedGone ? (
        <div className="alert alert--warning" role="alert" data-testid="picked-time-gone">
          <p>{t("publicDoctors.pickedTimeGone")}</p>
        </div>
      ) : null}
      <form className="card filters" onSubmit={onSubmit} noValidate>
        <SelectField
          label={t("scheduling.kind")}
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
          options={APPOINTMENT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        <TextField label={t("scheduling.from")} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField
          label={t("scheduling.to")}
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          error={rangeError ? { message: rangeError } : undefined}
        />
        <div className="filters__actions">
          <button type="submit" className="button">
            {t("scheduling.findTimes")}
          </button>
        </div>
      </form>
      <section aria-labelledby="doctor-slots-title" aria-busy={slots.isFetching} className="card stack">
        <h2 id="doctor-slots-title">{t("scheduling.freeTimes")}</h2>
        {slots.isPending ? <Loading /> : null}
        <ProblemAlert error={slots.error} onRetry={() => void slots.refetch()} />
        {slots.data && slots.data.slots.length === 0 ? <EmptyState>{t("scheduling.noSlotsDoctor")}</EmptyState> : null}
        {slots.data && slots.data.slots.length > 0 ? (
          <SlotButtons
            doctorId={slots.data.doctorId || id}
            doctorName={name}
            slots={slots.data.slots}
            onPick={(slot) => flow.pick(slots.data!.doctorId || id, name, slot, slots.data!.hourlyRate, slots.data!.specialties)}
          />
        ) : null}
      </section>
      {basePath === "/patient" && slots.data ? (
        <WaitlistPanel doctorId={id} doctorName={name} kind={kind} from={from} to={to} prominent={slots.data.slots.length === 0} />
      ) : null}
    </div>
  );
}
