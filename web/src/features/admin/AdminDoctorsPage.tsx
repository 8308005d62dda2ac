import { useState, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import type { AdminDoctor } from "../../shared/api/types";
import { SelectField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { missingForActivation } from "./activationProblem";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const STATUSES = ["pendingVerification", "active", "suspended"] as const;
const PAGE_SIZE = 20;

export function AdminDoctorsPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.adminDoctors");
  const queryClient = useQueryClient();
  const specialties = useSpecialties();
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<AdminDoctor | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const doctors = useQuery({
    queryKey: adminKeys.doctors(status, page),
    queryFn: () => adminApi.doctors({ status: status || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const setStatus = async (doctor: AdminDoctor, next: "active" | "suspended") => {
    setActionError(null);
    setNotice(null);
    setBusyId(doctor.id);
    try {
      await adminApi.setDoctorStatus(doctor.id, next);
      if (next === "active") setNotice(<UserSentence i18nKey="administration.doctors.activated" user={{ name: doctor.displayName }} />);
      await queryClient.invalidateQueries({ queryKey: adminKeys.allDoctors });
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
      setConfirming(null);
    }
  };
  const missing = missingForActivation(actionError);

  return (
    <div className="stack">
      <h1>{t("admin.doctorsTitle")}</h1>
      <div className="card filters">
        <SelectField
          label={t("admin.status")}
          value={status}
          onChange={(e) => setParams(e.target.value ? new URLSearchParams({ status: e.target.value }) : new URLSearchParams())}
          options={[{ value: "", label: t("admin.anyStatus") }, ...STATUSES.map((s) => ({ value: s, label: t(`doctor.statuses.${s}`) }))]}
        />
      </div>
      {missing ? (
        <div className="alert alert--error" role="alert">
          <p>{t("administration.doctors.incomplete", { missing: missing.map((m) => t(`administration.doctors.missing.${m}`)).join(", ") })}</p>
        </div>
      ) : (
        <ErrorAlert error={actionError} />
      )}
      {notice ? (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={<UserSentence i18nKey="administration.doctors.confirmActivateTitle" user={{ name: confirming.displayName }} />}
          text={t("administration.doctors.confirmActivateText")}
          confirmLabel={t("admin.activate")}
          busy={busyId === confirming.id}
          onConfirm={() => void setStatus(confirming, "active")}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      {doctors.isPending ? <Loading /> : null}
      <ErrorAlert error={doctors.error} onRetry={() => void doctors.refetch()} />
      {doctors.data?.items.length === 0 ? <EmptyState>{t("admin.noDoctors")}</EmptyState> : null}
      {doctors.data && doctors.data.items.length > 0 ? (
        <>
          <div className="table-wrap" role="region" aria-label={t("admin.doctorsTitle")} tabIndex={0}>
            <table className="table table--stack" data-testid="doctors-table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.displayName")}</th>
                  <th scope="col">{t("admin.email")}</th>
                  <th scope="col">{t("admin.specialties")}</th>
                  <th scope="col">{t("admin.status")}</th>
                  <th scope="col">{t("admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {doctors.data.items.map((doctor) => (
                  <tr key={doctor.id}>
                    <td data-label={t("admin.displayName")}>
                      <Link to={`/admin/doctors/${encodeURIComponent(doctor.id)}`}>
                        <UserText>{doctor.displayName}</UserText>
                      </Link>
                    </td>
                    <td data-label={t("admin.email")} className="break">{doctor.email}</td>
                    <td data-label={t("admin.specialties")}>{doctor.specialties.map(specialties.nameOf).join(", ")}</td>
                    <td data-label={t("admin.status")}>
                      <span className={`badge badge--${doctor.status}`}>{t(`doctor.statuses.${doctor.status}`, { defaultValue: doctor.status })}</span>
                    </td>
                    <td data-label={t("admin.actions")}>
                      <div className="button-row">
                        {doctor.status !== "active" ? (
                          <button type="button" className="button button--small" disabled={busyId === doctor.id} onClick={() => setConfirming(doctor)}>
                            {t("admin.activate")}
                          </button>
                        ) : null}
                        {doctor.status !== "suspended" ? (
                          <BusyButton
                            type="button"
                            className="button button--danger button--small"
                            busy={busyId === doctor.id && !confirming}
                            onClick={() => void setStatus(doctor, "suspended")}
                          >
                            {t("admin.suspend")}
                          </BusyButton>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={doctors.data.page}
            pageSize={doctors.data.pageSize}
            total={doctors.data.total}
            onPage={(p) => {
              const next = new URLSearchParams(params);
              next.set("page", String(p));
              setParams(next);
            }}
          />
        </>
      ) : null}
    </div>
  );
}
