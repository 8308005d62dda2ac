import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi, adminKeys, type ClinicInput } from "./adminApi";
import type { AdminClinicView } from "./adminTypes";
import { isApiError } from "../../shared/api/errors";
import { TextAreaField, TextField } from "../../shared/ui/fields";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { zoneName } from "../../shared/time/zoneNames";
import { BillingRulesCard } from "../billing/BillingRulesForm";
import { Form } from "../../shared/ui/Form";
import { BusyButton } from "../../shared/ui/BusyButton";
import { hasOtherFieldErrors } from "../../shared/ui/fieldErrors";

/** The fields that show the server's messages under their inputs. */
const SHOWN_FIELDS: readonly string[] = ["name", "address", "city", "timeZone", "phone", "email", "latitude", "longitude", "openingHours"];

const EMPTY: ClinicInput = { name: "", address: "", city: "", latitude: 0, longitude: 0, timeZone: "", phone: "", email: "", openingHours: "" };

/** IANA zones the browser knows, offered as suggestions; the server decides what is valid. */
function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}

/** Creates a clinic (/admin/clinics/new) or edits one (/admin/clinics/:id). */
export function AdminClinicPage() {
  const { t } = useTranslation();
  useDocumentTitle("administration.clinics.title");
  const { id = "new" } = useParams();
  const isNew = id === "new";
  const clinic = useQuery({ queryKey: adminKeys.adminClinic(id), queryFn: () => adminApi.adminClinic(id), enabled: !isNew });
  return (
    <div className="stack">
      <p>
        <Link to="/admin/clinics">← {t("administration.clinics.back")}</Link>
      </p>
      {!isNew && clinic.isPending ? <Loading /> : null}
      <ErrorAlert error={clinic.error} onRetry={() => void clinic.refetch()} />
      {isNew ? <ClinicForm key="new" initial={null} /> : clinic.data ? <ClinicForm key={clinic.data.id} initial={clinic.data} /> : null}
      {!isNew && clinic.data ? (
        <p>
          <Link to={`/admin/clinics/${encodeURIComponent(clinic.data.id)}/pages`}>{t("administration.pages.edit")}</Link>
        </p>
      ) : null}
      {!isNew && clinic.data ? <BillingRulesCard clinicId={clinic.data.id} /> : null}
    </div>
  );
}

function ClinicForm({ initial }: { initial: AdminClinicView | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ClinicInput>(initial ?? EMPTY);
  const [zones] = useState(timeZones);
  const save = useMutation({
    mutationFn: (body: ClinicInput) => (initial ? adminApi.updateClinic(initial.id, body) : adminApi.createClinic(body)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(adminKeys.adminClinic(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: adminKeys.adminClinics });
      await queryClient.invalidateQueries({ queryKey: adminKeys.clinics });
      if (!initial) void navigate(`/admin/clinics/${encodeURIComponent(saved.id)}`, { replace: true, state: { created: true } });
    },
  });
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors : {};
  const errorOf = (field: keyof ClinicInput) => (fieldErrors[field] ? { message: fieldErrors[field].join(" ") } : undefined);
  const set = (field: keyof ClinicInput) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: field === "latitude" || field === "longitude" ? Number(e.target.value.replace(",", ".")) || 0 : e.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(values);
  };

  return (
    <>
      <h1>{initial ? initial.name : t("administration.clinics.add")}</h1>
      <section className="card">
        <Form className="stack" aria-label={t("administration.clinics.form")} onSubmit={onSubmit}>
          <TextField dir="auto" label={t("administration.clinics.name")} value={values.name} onChange={set("name")} required maxLength={200} error={errorOf("name")} />
          <TextField dir="auto" label={t("administration.clinics.address")} value={values.address} onChange={set("address")} required maxLength={300} error={errorOf("address")} />
          <TextField dir="auto" label={t("administration.clinics.city")} value={values.city} onChange={set("city")} required maxLength={100} error={errorOf("city")} />
          <TextField
            label={t("administration.clinics.timeZone")}
            hint={t("administration.clinics.timeZoneHint")}
            value={values.timeZone}
            onChange={set("timeZone")}
            list="iana-time-zones"
            required
            autoComplete="off"
            error={errorOf("timeZone")}
          />
          <datalist id="iana-time-zones">
            {zones.map((z) => (
              <option key={z} value={z} label={zoneName(z, i18n.language)} />
            ))}
          </datalist>
          <TextField label={t("administration.clinics.phone")} type="tel" value={values.phone} onChange={set("phone")} maxLength={32} error={errorOf("phone")} />
          <TextField label={t("administration.clinics.email")} type="email" value={values.email} onChange={set("email")} maxLength={200} error={errorOf("email")} />
          <TextAreaField
            dir="auto"
            label={t("administration.clinics.hours")}
            hint={t("administration.clinics.hoursHint")}
            value={values.openingHours}
            onChange={set("openingHours")}
            maxLength={500}
            rows={3}
            error={errorOf("openingHours")}
          />
          <TextField label={t("administration.clinics.latitude")} inputMode="decimal" value={String(values.latitude)} onChange={set("latitude")} error={errorOf("latitude")} />
          <TextField label={t("administration.clinics.longitude")} inputMode="decimal" value={String(values.longitude)} onChange={set("longitude")} error={errorOf("longitude")} />
          {save.error && (!(isApiError(save.error) && save.error.hasFieldErrors) || hasOtherFieldErrors(save.error, SHOWN_FIELDS)) ? (
            <ErrorAlert error={save.error} shownFields={SHOWN_FIELDS} />
          ) : null}
          {isApiError(save.error) && save.error.hasFieldErrors ? (
            <p className="alert alert--error" role="alert">
              {t("errors.validation.failed")}
            </p>
          ) : null}
          {save.isSuccess ? <SuccessMessage>{t("app.saved")}</SuccessMessage> : null}
          <div className="button-row">
            <BusyButton type="submit" className="button" busy={save.isPending}>
              {t("app.save")}
            </BusyButton>
          </div>
        </Form>
      </section>
    </>
  );
}
