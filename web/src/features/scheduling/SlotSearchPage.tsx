import { useEffect } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { APPOINTMENT_KINDS, schedulingApi } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { clock } from "../../shared/time/zonedTime";
import { useSpecialties } from "../patient/useSpecialties";
import { ProblemAlert, useClinics, useKindLabel } from "./common";
import { DoctorSlotsCard } from "./DoctorSlotsCard";
import { useBookingFlow } from "./useBookingFlow";
import { WaitlistPanel } from "./WaitlistPanel";
import { paramsToSlotFilters, slotFilterSchema, slotFiltersToParams, slotQueryFrom, type SlotFilterValues } from "./slotSearch";
import { zoneName } from "../../shared/time/zoneNames";
import { isolate } from "../../shared/ui/UserText";

/**
 * "Book a visit": free slots across doctors. Patients book for themselves (basePath /patient);
 * the front desk books for `patientId` (basePath /front-desk).
 */
export function SlotSearchPage({ basePath }: { basePath: "/patient" | "/front-desk" }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.bookVisit");
  const [params, setParams] = useSearchParams();
  const patientId = basePath === "/front-desk" ? params.get("patientId") ?? undefined : undefined;
  const timeZone = clock.timeZone();
  const filters = paramsToSlotFilters(params, timeZone);
  const page = Math.max(1, Number(params.get("page")) || 1);
  const query = slotQueryFrom(filters, timeZone, page);
  const specialties = useSpecialties();
  const clinics = useClinics();
  const kindLabel = useKindLabel();
  const flow = useBookingFlow({ basePath, patientId });

  const slots = useQuery({
    queryKey: ["slots", query],
    queryFn: () => schedulingApi.slots(query),
    placeholderData: keepPreviousData,
  });

  const form = useForm<SlotFilterValues>({ resolver: zodResolver(slotFilterSchema), defaultValues: filters });
  const { errors } = form.formState;
  const paramString = params.toString();
  useEffect(() => {
    form.reset(paramsToSlotFilters(new URLSearchParams(paramString), timeZone));
  }, [paramString, form, timeZone]);

  const extra = { patientId };
  const onSubmit = form.handleSubmit((values) => setParams(slotFiltersToParams(values, extra)));
  const goToPage = (p: number) => setParams(slotFiltersToParams(filters, extra, p));
  const suffix = patientId ? `?patientId=${encodeURIComponent(patientId)}` : "";

  if (flow.confirmation) return <div className="stack">{flow.confirmation}</div>;

  // The host lists matching doctors without a free time too (slots: []): they come last, with a waitlist button.
  const items = [...(slots.data?.items ?? [])].sort((a, b) => Number(b.slots.length > 0) - Number(a.slots.length > 0));
  const anyFree = items.some((d) => d.slots.length > 0);
  const isPatient = basePath === "/patient";
  return (
    <div className="stack">
      <h1>{patientId ? t("scheduling.bookForPatientTitle") : t("scheduling.bookTitle")}</h1>
      {patientId ? (
        <p>
          <Link to={`/front-desk/patients/${encodeURIComponent(patientId)}`}>← {t("scheduling.backToPatient")}</Link>
        </p>
      ) : null}
      <p className="muted">{t("scheduling.timesShownIn", { zone: zoneName(timeZone, i18n.language) })}</p>
      {flow.notice}
      <section className="card" aria-labelledby="slot-filters-title">
        <h2 id="slot-filters-title" className="visually-hidden">
          {t("patient.filters")}
        </h2>
        <form onSubmit={onSubmit} noValidate className="filters" role="search">
          <SelectField
            label={t("patient.specialty")}
            options={[
              { value: "", label: t("patient.anySpecialty") },
              ...(specialties.data ?? []).map((s) => ({ value: s.code, label: s.name })),
            ]}
            {...form.register("specialty")}
          />
          <SelectField
            label={t("patient.language")}
            options={[
              { value: "", label: t("patient.anyLanguage") },
              { value: "en", label: t("languages.en") },
              { value: "ru", label: t("languages.ru") },
            ]}
            {...form.register("language")}
          />
          <SelectField
            label={t("scheduling.kind")}
            options={APPOINTMENT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            {...form.register("kind")}
          />
          <SelectField
            label={t("scheduling.clinic")}
            options={[
              { value: "", label: t("scheduling.anyClinic") },
              ...(clinics.data ?? []).map((c) => ({ value: c.id, label: `${isolate(c.name)} (${isolate(c.city)})` })),
            ]}
            {...form.register("clinicId")}
          />
          <TextField label={t("scheduling.from")} type="date" error={errors.from} {...form.register("from")} />
          <TextField label={t("scheduling.to")} type="date" error={errors.to} {...form.register("to")} />
          <div className="filters__actions">
            <button type="submit" className="button">
              {t("scheduling.findTimes")}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="slot-results-title" aria-busy={slots.isFetching}>
        <h2 id="slot-results-title">{t("scheduling.freeTimes")}</h2>
        {slots.isPending ? <Loading /> : null}
        <ProblemAlert error={slots.error} onRetry={() => void slots.refetch()} />
        {slots.data && !anyFree ? <EmptyState>{t("scheduling.noSlots")}</EmptyState> : null}
        {items.length > 0 ? (
          <>
            <div className="card-list">
              {items.map((doctor) => (
                <DoctorSlotsCard
                  key={doctor.doctorId}
                  doctor={doctor}
                  specialtyName={specialties.nameOf}
                  profileHref={isPatient ? `/patient/doctors/${encodeURIComponent(doctor.doctorId)}` : undefined}
                  allTimesHref={`${basePath}/doctors/${encodeURIComponent(doctor.doctorId)}/book${suffix}`}
                  onPick={(slot) => flow.pick(doctor.doctorId, doctor.displayName, slot, doctor.hourlyRate, doctor.specialties)}
                  waitlist={isPatient ? { kind: filters.kind, from: filters.from, to: filters.to } : undefined}
                />
              ))}
            </div>
            <Pager page={slots.data!.page} pageSize={slots.data!.pageSize} total={slots.data!.total} onPage={goToPage} />
          </>
        ) : null}
      </section>

      {isPatient && slots.data ? (
        <WaitlistPanel
          specialty={filters.specialty}
          kind={filters.kind}
          from={filters.from}
          to={filters.to}
          prominent={!anyFree}
        />
      ) : null}
    </div>
  );
}
