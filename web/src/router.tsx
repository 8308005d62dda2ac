import { createBrowserRouter, Navigate, Outlet, type RouteObject } from "react-router";
import { PublicLayout } from "./features/layout/PublicLayout";
import { HomeRedirect, RequireAuth, RequireRole } from "./features/layout/guards";
import { NoAccessPage, NotFoundPage } from "./features/layout/NotFound";
import { RouteErrorPage } from "./features/layout/RouteErrorPage";
import { SignInPage } from "./features/auth/SignInPage";
import { RegisterPage } from "./features/auth/RegisterPage";
import { VerifyEmailPage } from "./features/auth/VerifyEmailPage";
import { ForgotPasswordPage } from "./features/auth/ForgotPasswordPage";
import { ResetPasswordPage } from "./features/auth/ResetPasswordPage";
import { AcceptInvitationPage } from "./features/auth/AcceptInvitationPage";
import { MfaPage } from "./features/auth/MfaPage";
import { MfaEnrolPage } from "./features/auth/MfaEnrolPage";
import { PatientHomePage } from "./features/patient/PatientHomePage";
import { DoctorSearchPage } from "./features/patient/DoctorSearchPage";
import { DoctorProfilePage } from "./features/patient/DoctorProfilePage";
import { PatientProfilePage } from "./features/patient/PatientProfilePage";
import { DoctorHomePage } from "./features/doctor/DoctorHomePage";
import { DoctorPatientPage } from "./features/doctor/DoctorPatientPage";
import { DoctorOwnProfilePage } from "./features/doctor/DoctorOwnProfilePage";
import { FrontDeskSearchPage } from "./features/frontdesk/FrontDeskSearchPage";
import { FrontDeskPatientPage } from "./features/frontdesk/FrontDeskPatientPage";
import { PharmacistHomePage } from "./features/pharmacist/PharmacistHomePage";
import { AdminUsersPage } from "./features/admin/AdminUsersPage";
import { AdminDoctorsPage } from "./features/admin/AdminDoctorsPage";
import { AdminAuditPage } from "./features/admin/AdminAuditPage";
import { AdminOutboxPage } from "./features/admin/AdminOutboxPage";
import { ClinicPolicyPage } from "./features/admin/ClinicPolicyPage";
import { SlotSearchPage } from "./features/scheduling/SlotSearchPage";
import { DoctorSlotsPage } from "./features/scheduling/DoctorSlotsPage";
import { AppointmentPage } from "./features/scheduling/AppointmentPage";
import { MyAppointmentsPage } from "./features/scheduling/MyAppointmentsPage";
import { ReminderActionPage } from "./features/scheduling/ReminderActionPage";
import { DoctorAvailabilityPage, DoctorSchedulePage } from "./features/scheduling/doctorPages";
import { FrontDeskTodayPage } from "./features/frontdesk/FrontDeskTodayPage";
import { FrontDeskSchedulesPage } from "./features/frontdesk/FrontDeskSchedulesPage";
import { VisitEntryPage } from "./features/consultations/VisitEntryPage";
import { SeeDoctorNowPage } from "./features/consultations/SeeDoctorNowPage";
import { WaitingRoomPage } from "./features/consultations/WaitingRoomPage";
import { DoctorConsultationsPage } from "./features/consultations/DoctorConsultationsPage";
import { FrontDeskEscalationsPage } from "./features/consultations/FrontDeskEscalationsPage";
import { CallPage } from "./features/calls/CallPage";
import { DeviceCheckPage } from "./features/calls/DeviceCheckPage";
import { MessagesPage } from "./features/chat/MessagesPage";
import { ConversationPage } from "./features/chat/ConversationPage";

export const routes: RouteObject[] = [
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        element: <PublicLayout />,
        children: [
          { path: "sign-in", element: <SignInPage /> },
          { path: "register", element: <RegisterPage /> },
          { path: "verify-email", element: <VerifyEmailPage /> },
          { path: "forgot-password", element: <ForgotPasswordPage /> },
          { path: "reset-password", element: <ResetPasswordPage /> },
          { path: "accept-invitation", element: <AcceptInvitationPage /> },
          { path: "mfa", element: <MfaPage /> },
          { path: "mfa/enrol", element: <MfaEnrolPage /> },
          // Reminder links (e-mail, SMS): no sign-in, the token is the credential.
          { path: "r/:token", element: <ReminderActionPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: "patient",
            element: <RequireRole role="Patient" />,
            children: [
              { index: true, element: <PatientHomePage /> },
              { path: "doctors", element: <DoctorSearchPage /> },
              { path: "doctors/:id", element: <DoctorProfilePage /> },
              { path: "doctors/:id/book", element: <DoctorSlotsPage basePath="/patient" /> },
              { path: "book", element: <SlotSearchPage basePath="/patient" /> },
              { path: "appointments", element: <MyAppointmentsPage /> },
              { path: "appointments/:id", element: <AppointmentPage viewer="patient" /> },
              { path: "profile", element: <PatientProfilePage /> },
              { path: "visit/:appointmentId", element: <VisitEntryPage /> },
              { path: "see-a-doctor-now", element: <SeeDoctorNowPage /> },
              { path: "consultations/:id/waiting", element: <WaitingRoomPage /> },
              { path: "messages", element: <MessagesPage /> },
              { path: "messages/:id", element: <ConversationPage /> },
            ],
          },
          {
            path: "doctor",
            element: <RequireRole role="Doctor" />,
            children: [
              { index: true, element: <DoctorHomePage /> },
              { path: "patients/:id", element: <DoctorPatientPage /> },
              { path: "profile", element: <DoctorOwnProfilePage /> },
              { path: "schedule", element: <DoctorSchedulePage /> },
              { path: "availability", element: <DoctorAvailabilityPage /> },
              { path: "appointments/:id", element: <AppointmentPage viewer="doctor" /> },
              { path: "consultations", element: <DoctorConsultationsPage /> },
              { path: "messages", element: <MessagesPage /> },
              { path: "messages/:id", element: <ConversationPage /> },
            ],
          },
          {
            path: "front-desk",
            element: <RequireRole role="FrontDesk" />,
            children: [
              { index: true, element: <FrontDeskSearchPage /> },
              { path: "patients/:id", element: <FrontDeskPatientPage /> },
              { path: "today", element: <FrontDeskTodayPage /> },
              { path: "schedules", element: <FrontDeskSchedulesPage /> },
              { path: "book", element: <SlotSearchPage basePath="/front-desk" /> },
              { path: "doctors/:id/book", element: <DoctorSlotsPage basePath="/front-desk" /> },
              { path: "appointments/:id", element: <AppointmentPage viewer="frontDesk" /> },
              { path: "escalations", element: <FrontDeskEscalationsPage /> },
            ],
          },
          {
            path: "pharmacist",
            element: <RequireRole role="Pharmacist" />,
            children: [{ index: true, element: <PharmacistHomePage /> }],
          },
          {
            path: "admin",
            element: <RequireRole role="Admin" />,
            children: [
              { index: true, element: <Navigate to="/admin/users" replace /> },
              { path: "users", element: <AdminUsersPage /> },
              { path: "doctors", element: <AdminDoctorsPage /> },
              { path: "audit", element: <AdminAuditPage /> },
              { path: "outbox", element: <AdminOutboxPage /> },
              { path: "clinic-policy", element: <ClinicPolicyPage /> },
            ],
          },
          // The call and the device check belong to no portal: patients and doctors both use them.
          { path: "consultations/:id/call", element: <CallPage /> },
          { path: "device-check", element: <DeviceCheckPage /> },
          { path: "no-access", element: <NoAccessPage /> },
        ],
      },
      { element: <PublicLayout />, children: [{ path: "*", element: <NotFoundPage /> }] },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
