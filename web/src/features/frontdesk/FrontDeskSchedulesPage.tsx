import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { patientApi, patientKeys } from "../patient/patientApi";
import { SelectField } from "../../shared/ui/fields";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { AvailabilityEditor } from "../scheduling/AvailabilityEditor";
import { ProblemAlert } from "../scheduling/common";
import { useWeekParam } from "../scheduling/doctorPages";
import { WeekCalendar } from "../scheduling/WeekCalendar";
import { Form } from "../../shared/ui/Form";
import { isolate } from "../../shared/ui/UserText";

/** Front desk: pick a doctor, see their week and edit their availability. */
export function FrontDeskSchedulesPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.schedules");
  const [params, setParams] = useSearchParams();
  const doctorId = params.get("doctor") ?? "";
  const [week, setWeek, thisMonday] = useWeekParam();
  const doctors = useQuery({ queryKey: patientKeys.doctors("all"), queryFn: () => patientApi.doctors({ pageSize: 100 }) });
  const doctor = doctors.data?.items.find((d) => d.id === doctorId);
  return (
    <div className="stack">
      <h1>{t("scheduling.schedulesTitle")}</h1>
      <Form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t("scheduling.doctor")}
          value={doctorId}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set("doctor", e.target.value);
            else next.delete("doctor");
            setParams(next);
          }}
          options={[
            { value: "", label: t("scheduling.chooseDoctor") },
            ...(doctors.data?.items ?? []).map((d) => ({ value: d.id, label: isolate(d.displayName) })),
          ]}
        />
      </Form>
      <ProblemAlert error={doctors.error} onRetry={() => void doctors.refetch()} />
      {doctorId ? (
        <>
          {doctor ? <h2 dir="auto">{doctor.displayName}</h2> : null}
          <WeekCalendar
            key={doctorId}
            doctorId={doctorId}
            weekStart={week}
            onWeekChange={setWeek}
            todayMonday={thisMonday}
            appointmentHref={(id) => `/front-desk/appointments/${encodeURIComponent(id)}`}
          />
          <AvailabilityEditor key={`a-${doctorId}`} doctorId={doctorId} />
        </>
      ) : null}
    </div>
  );
}
