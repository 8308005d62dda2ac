import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import type { AdminHomeFigures } from "./adminTypes";
import { SelectField } from "../../shared/ui/fields";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { cityOfZone, clock, formatCalendarDate } from "../../shared/time/zonedTime";
import { isolate } from "../../shared/ui/UserText";
import { schedulingApi } from "../../shared/api/scheduling";

type FigureKey = Exclude<keyof AdminHomeFigures, "day" | "timeZone" | "clinicId">;

interface Figure {
  key: FigureKey;
  /** Where the admin acts on this figure; none where there is no page for it. */
  to?: string;
}

/** The figures in three groups, each linking to the page where the admin acts on it. */
export function figureGroups(clinicId: string): { id: "visits" | "live" | "housekeeping"; figures: Figure[] }[] {
  const clinic = clinicId ? `/admin/clinics/${encodeURIComponent(clinicId)}` : "/admin/clinics";
  return [
    {
      id: "visits",
      figures: [
        { key: "visitsBooked", to: clinic },
        { key: "visitsCompleted", to: "/admin/audit" },
        { key: "visitsCancelled", to: "/admin/clinic-policy" },
        { key: "visitsNoShow", to: "/admin/clinic-policy" },
      ],
    },
    {
      id: "live",
      figures: [
        { key: "onDemandWaiting", to: "/admin/doctors" },
        { key: "longestWaitMinutes", to: "/admin/doctors" },
        { key: "doctorsOnDuty", to: "/admin/doctors" },
      ],
    },
    {
      id: "housekeeping",
      figures: [
        { key: "newRegistrations", to: "/admin/users" },
        { key: "pendingInvitations", to: "/admin/users" },
        { key: "licencesExpiringSoon", to: "/admin/doctors" },
        { key: "unverifiedLicences", to: "/admin/doctors" },
        { key: "outboxFailures" },
      ],
    },
  ];
}

/** The admin's home page: today's figures (counts only, no names), for all clinics or one. */
export function AdminHomePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("administration.home.title");
  const [clinicId, setClinicId] = useState("");
  const timeZone = clock.timeZone();
  const clinics = useQuery({ queryKey: adminKeys.adminClinics, queryFn: adminApi.adminClinics });
  // The administration's list holds the names as stored; the directory's list words them in the reader's language (as the
  // payments and claims pages show them). A clinic missing from it (inactive) keeps its stored name.
  const worded = useQuery({ queryKey: ["clinics", i18n.language], queryFn: schedulingApi.clinics, staleTime: 10 * 60_000 });
  const nameOf = (id: string, stored: string) => worded.data?.find((c) => c.id === id)?.name ?? stored;
  const figures = useQuery({
    queryKey: adminKeys.home(clinicId, timeZone),
    queryFn: () => adminApi.home({ clinicId: clinicId || undefined, timeZone }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const data = figures.data;

  const value = (key: FigureKey): string => {
    const v = data?.[key];
    if (key === "longestWaitMinutes") return v === null || v === undefined ? "—" : t("administration.home.minutes", { count: v });
    return String(v ?? 0);
  };

  return (
    <div className="stack">
      <h1>{t("administration.home.title")}</h1>
      <div className="card filters">
        <SelectField
          label={t("administration.home.clinic")}
          value={clinicId}
          onChange={(e) => setClinicId(e.target.value)}
          options={[
            { value: "", label: t("administration.home.allClinics") },
            ...(clinics.data ?? []).map((c) => ({ value: c.id, label: isolate(nameOf(c.id, c.name)) })),
          ]}
        />
      </div>
      {figures.isPending ? <Loading /> : null}
      <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />
      {data ? (
        <>
          <p className="muted" data-testid="figures-day">
            {t("administration.home.dayIn", { day: formatCalendarDate(data.day, i18n.language, "long"), zone: cityOfZone(data.timeZone, i18n.language) })}
          </p>
          {figureGroups(clinicId).map((group) => (
            <section key={group.id} className="card stack" aria-labelledby={`figures-${group.id}`}>
              <h2 id={`figures-${group.id}`}>{t(`administration.home.groups.${group.id}`)}</h2>
              {group.id !== "visits" && clinicId ? <p className="muted">{t(`administration.home.scope.${group.id}`)}</p> : null}
              <dl className="day-figures" data-testid={`figures-${group.id}`}>
                {group.figures.map((f) => (
                  <div key={f.key} className="day-figures__item">
                    <dt>
                      {f.to ? <Link to={f.to}>{t(`administration.home.figures.${f.key}`)}</Link> : t(`administration.home.figures.${f.key}`)}
                    </dt>
                    <dd data-figure={f.key}>{value(f.key)}</dd>
                  </div>
                ))}
              </dl>
              {group.id === "visits" ? (
                <p>
                  <Link to="/admin/analytics">{t("analytics.homeLink")}</Link>
                </p>
              ) : null}
              {group.id === "housekeeping" && (data.outboxFailures ?? 0) > 0 ? (
                <p className="muted">{t("administration.home.outboxHint")}</p>
              ) : null}
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
