import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { patientApi, patientKeys } from "./patientApi";
import { schedulingApi } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import {
  doctorFilterSchema,
  EMPTY_FILTERS,
  filtersToParams,
  paramsToFilters,
  paramsToQuery,
  type DoctorFilterValues,
} from "./doctorSearch";
import { DoctorCard } from "./DoctorCard";
import { useSpecialties } from "./useSpecialties";
import { isolate } from "../../shared/ui/UserText";

const PAGE_SIZE = 10;

/** Search doctors by specialty, language, clinic, price and name; `basePath` "" is the public page (/doctors, before sign-in). */
export function DoctorSearchPage({ basePath = "/patient" }: { basePath?: "" | "/patient" }) {
  const { t } = useTranslation();
  useDocumentTitle("titles.doctors");
  const [params, setParams] = useSearchParams();
  const query = paramsToQuery(params, PAGE_SIZE);
  const specialties = useSpecialties();
  const clinics = useQuery({ queryKey: ["clinics"], queryFn: schedulingApi.clinics, staleTime: 10 * 60_000 });
  const doctors = useQuery({
    queryKey: patientKeys.doctors(query),
    queryFn: () => patientApi.doctors(query),
    placeholderData: keepPreviousData,
  });
  const form = useForm<DoctorFilterValues>({
    resolver: zodResolver(doctorFilterSchema),
    defaultValues: paramsToFilters(params),
  });
  const { errors } = form.formState;
  const paramString = params.toString();
  useEffect(() => {
    // Back/forward through searches: show the filters of the URL.
    form.reset(paramsToFilters(new URLSearchParams(paramString)));
  }, [paramString, form]);

  const onSubmit = form.handleSubmit((values) => setParams(filtersToParams(values)));
  const onReset = () => {
    form.reset(EMPTY_FILTERS);
    setParams(new URLSearchParams());
  };
  const goToPage = (page: number) => setParams(filtersToParams(paramsToFilters(params), page));

  return (
    <div className="stack">
      <h1>{t("patient.doctorsTitle")}</h1>
      <section className="card" aria-labelledby="filters-title">
        <h2 id="filters-title" className="visually-hidden">
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
            label={t("publicDoctors.clinic")}
            options={[
              { value: "", label: t("publicDoctors.anyClinic") },
              ...(clinics.data ?? []).map((c) => ({ value: c.id, label: `${isolate(c.name)} (${isolate(c.city)})` })),
            ]}
            {...form.register("clinicId")}
          />
          <TextField label={t("patient.minPrice")} inputMode="decimal" error={errors.minPrice} {...form.register("minPrice")} />
          <TextField label={t("patient.maxPrice")} inputMode="decimal" error={errors.maxPrice} {...form.register("maxPrice")} />
          <TextField dir="auto" label={t("patient.name")} type="search" {...form.register("name")} />
          <div className="filters__actions">
            <button type="submit" className="button">
              {t("patient.search")}
            </button>
            <button type="button" className="button button--secondary" onClick={onReset}>
              {t("patient.reset")}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="results-title" aria-busy={doctors.isFetching}>
        <h2 id="results-title">{t("patient.results")}</h2>
        {doctors.isPending ? <Loading /> : null}
        <ErrorAlert error={doctors.error} onRetry={() => void doctors.refetch()} />
        {doctors.data && doctors.data.items.length === 0 ? (
          <EmptyState>{t("patient.noResults")}</EmptyState>
        ) : null}
        {doctors.data && doctors.data.items.length > 0 ? (
          <>
            <div className="card-list">
              {doctors.data.items.map((doctor) => (
                <DoctorCard key={doctor.id} doctor={doctor} specialtyName={specialties.nameOf} basePath={basePath} />
              ))}
            </div>
            <Pager page={doctors.data.page} pageSize={doctors.data.pageSize} total={doctors.data.total} onPage={goToPage} />
          </>
        ) : null}
      </section>
    </div>
  );
}
