import { Fragment } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { DoctorCard as DoctorCardData } from "../../shared/api/types";
import { NextAvailable } from "./NextAvailable";
import { UserText } from "../../shared/ui/UserText";

/** One search result; `basePath` "" links to the public profile (/doctors/:id), "/patient" to the portal's. */
export function DoctorCard({
  doctor,
  specialtyName,
  basePath = "/patient",
}: {
  doctor: DoctorCardData;
  specialtyName: (code: string) => string;
  basePath?: "" | "/patient";
}) {
  const { t } = useTranslation();
  const headingId = `doctor-${doctor.id}`;
  return (
    <article className="card doctor-card" aria-labelledby={headingId} data-testid="doctor-card">
      <div className="doctor-card__header">
        <div className="avatar" aria-hidden="true">
          {doctor.displayName
            .split(/\s+/)
            .map((p) => p[0])
            .slice(0, 2)
            .join("")}
        </div>
        <div>
          <h3 id={headingId} className="doctor-card__name">
            <Link to={`${basePath}/doctors/${encodeURIComponent(doctor.id)}`}>
              <UserText>{doctor.displayName}</UserText>
            </Link>
          </h3>
          <p className="doctor-card__specialties">{doctor.specialties.map(specialtyName).join(", ")}</p>
        </div>
      </div>
      <dl className="facts">
        <NextAvailable doctorId={doctor.id} />
        <div>
          <dt>{t("patient.experience")}</dt>
          <dd>{t("patient.years", { count: doctor.yearsOfExperience })}</dd>
        </div>
        <div>
          <dt>{t("patient.languagesLabel")}</dt>
          <dd>{doctor.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("patient.clinics")}</dt>
          <dd>{doctor.clinics.length ? <ClinicList clinics={doctor.clinics} /> : t("app.none")}</dd>
        </div>
      </dl>
      {doctor.bioExcerpt ? <p className="muted" dir="auto">{doctor.bioExcerpt}</p> : null}
    </article>
  );
}

/** A doctor's clinics, "Name (City); …", each name and city isolated from the rest of the line. */
export function ClinicList({ clinics }: { clinics: readonly { name: string; city: string }[] }) {
  return (
    <>
      {clinics.map((c, i) => (
        <Fragment key={`${c.name}-${i}`}>
          {i > 0 ? "; " : null}
          <UserText>{c.name}</UserText> (<UserText>{c.city}</UserText>)
        </Fragment>
      ))}
    </>
  );
}
