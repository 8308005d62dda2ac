import { Link, useLocation, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { Loading, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { AppointmentCard, type Viewer } from "./AppointmentCard";
import { ProblemAlert } from "./common";
import { JoinVisitLink } from "../consultations/JoinVisitLink";
import { PatientDocumentsPanel } from "../record/PatientDocumentsPanel";
import { PaymentPanel } from "../billing/PaymentPanel";
import { AppointmentPaymentStatusBadge } from "../billing/PaymentStatusBadge";

/** One appointment: /patient/appointments/:id, /front-desk/appointments/:id. */
export function AppointmentPage({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  useDocumentTitle("titles.appointment");
  const { id = "" } = useParams();
  const location = useLocation();
  const booked = (location.state as { booked?: boolean } | null)?.booked === true;
  const appointment = useQuery({ queryKey: ["appointment", id], queryFn: () => schedulingApi.appointment(id) });
  const back =
    viewer === "patient"
      ? { to: "/patient/appointments", label: t("scheduling.backToAppointments") }
      : viewer === "doctor"
        ? { to: "/doctor/schedule", label: t("scheduling.backToSchedule") }
        : { to: "/front-desk/today", label: t("scheduling.backToToday") };

  return (
    <div className="stack">
      <p>
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <h1>{t("scheduling.appointmentTitle")}</h1>
      {/* The "booked" banner is about the visit as it is now: once moved on (cancelled, done, missed) it goes. */}
      {booked && appointment.data && (appointment.data.status === "booked" || appointment.data.status === "confirmed") ? <SuccessMessage>{t(viewer === "patient" ? "scheduling.bookedResult" : "scheduling.bookedResultStaff")}</SuccessMessage> : null}
      {appointment.isPending ? <Loading /> : null}
      <ProblemAlert error={appointment.error} onRetry={() => void appointment.refetch()} />
      {appointment.data && viewer === "patient" ? <JoinVisitLink appointment={appointment.data} /> : null}
      {appointment.data ? <AppointmentCard appointment={appointment.data} viewer={viewer} statusTestId="appointment-status" /> : null}
      {/* The payer pays here (right after booking the card form is open); the front desk sees the payment's status only. */}
      {appointment.data && viewer === "patient" ? (
        <PaymentPanel
          appointmentId={appointment.data.id}
          payable={appointment.data.status === "booked" || appointment.data.status === "confirmed"}
          startOpen={booked}
        />
      ) : null}
      {appointment.data && viewer === "frontDesk" ? (
        <p>
          <AppointmentPaymentStatusBadge appointmentId={appointment.data.id} />
        </p>
      ) : null}
      {/* The doctor reads what the patient shared before the visit. */}
      {appointment.data && viewer === "doctor" ? <PatientDocumentsPanel patientId={appointment.data.patientId} /> : null}
    </div>
  );
}
