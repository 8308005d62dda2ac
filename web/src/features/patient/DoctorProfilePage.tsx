import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { patientApi, patientKeys } from "./patientApi";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "./useSpecialties";
import { ProfileNextTimes } from "./ProfileNextTimes";
import { ClinicList } from "./DoctorCard";
import { DoctorReviewsSection } from "../feedback/DoctorReviewsSection";
import { isolate } from "../../shared/ui/UserText";

/**
 * A doctor's profile: photo, specialties, languages, clinics, the visit's price and length and the next free times.
 * `basePath` "" is the public page (/doctors/:id, before sign-in); "/patient" the patient portal's.
 */
export function DoctorProfilePage({ basePath = "/patient" }: { basePath?: "" | "/patient" }) {
  const { t } = useTranslation();
  useDocumentTitle("titles.doctorProfile");
  const { id = "" } = useParams();
  const specialties = useSpecialties();
  const doctor = useQuery({ queryKey: patientKeys.doctor(id), queryFn: () => patientApi.doctor(id) });

  return (
    <div className="stack">
      <p>
        <Link to={`${basePath}/doctors`}>← {t("patient.backToSearch")}</Link>
      </p>
      {doctor.isPending ? <Loading /> : null}
      <ErrorAlert error={doctor.error} />
      {doctor.data ? (
        <article className="card stack" aria-labelledby="doctor-name">
          <div className="doctor-card__header">
            {doctor.data.photoUrl ? (
              <img className="doctor-photo" src={doctor.data.photoUrl} alt={t("publicDoctors.photoOf", { doctor: isolate(doctor.data.displayName) })} width={96} height={96} />
            ) : null}
            <div>
              <h1 id="doctor-name" dir="auto">{doctor.data.displayName}</h1>
              <p className="lead">{doctor.data.specialties.map(specialties.nameOf).join(", ")}</p>
            </div>
          </div>
          <ProfileNextTimes doctorId={doctor.data.id} doctorName={doctor.data.displayName} />
          <p>
            <Link className="button button--secondary" to={`/patient/doctors/${encodeURIComponent(doctor.data.id)}/book`}>
              {t("publicDoctors.moreTimes")}
            </Link>
          </p>
          <dl className="facts">
            <div>
              <dt>{t("patient.experience")}</dt>
              <dd>{t("patient.years", { count: doctor.data.yearsOfExperience })}</dd>
            </div>
            {doctor.data.qualificationCategory ? (
              <div>
                <dt>{t("patient.qualification")}</dt>
                <dd>{t(`qualificationCategories.${doctor.data.qualificationCategory}`, { defaultValue: doctor.data.qualificationCategory })}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t("patient.languagesLabel")}</dt>
              <dd>{doctor.data.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(", ")}</dd>
            </div>
            <div>
              <dt>{t("patient.clinics")}</dt>
              <dd>{doctor.data.clinics.length ? <ClinicList clinics={doctor.data.clinics} /> : t("app.none")}</dd>
            </div>
          </dl>
          {doctor.data.bio ? (
            <section aria-labelledby="about-title">
              <h2 id="about-title">{t("patient.about")}</h2>
              <p className="prewrap" dir="auto">{doctor.data.bio}</p>
            </section>
          ) : null}
          {doctor.data.education?.length ? (
            <section aria-labelledby="education-title">
              <h2 id="education-title">{t("patient.education")}</h2>
              <ul>
                {doctor.data.education.map((e, i) => (
                  <li key={`${e.institution}-${i}`}>
                    {e.degree}, {e.institution} ({e.year})
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <DoctorReviewsSection doctorId={doctor.data.id} />
        </article>
      ) : null}
    </div>
  );
}
