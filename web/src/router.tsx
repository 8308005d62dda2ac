import type { ComponentType, ReactElement } from "react";
import { createBrowserRouter, Outlet, type RouteObject } from "react-router";
import { PublicLayout } from "./features/layout/PublicLayout";
import { HomeRedirect, RequireAuth, RequireRole } from "./features/layout/guards";
import { NoAccessPage, NotFoundPage } from "./features/layout/NotFound";
import { RouteErrorPage } from "./features/layout/RouteErrorPage";
import { preloadAfter } from "./routePreload";
import { Loading } from "./shared/ui/feedback";

/**
 * Pages load on first visit (their own chunk), so the first screen downloads only the shell:
 * `page(() => import("./x"), "XPage")` renders the module's named component.
 */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): Pick<RouteObject, "lazy"> {
  return { lazy: async () => ({ Component: (await load())[name] as ComponentType }) };
}

/** A lazily loaded page that needs props: `pageWith(() => import("./x"), (m) => <m.XPage prop="..." />)`. */
function pageWith<M>(load: () => Promise<M>, render: (module: M) => ReactElement): Pick<RouteObject, "lazy"> {
  return { lazy: async () => ({ element: render(await load()) }) };
}

/** The call page and the chunks it imports (chat, the doctor's workspace panels). */
const loadCallPage = () => import("./features/calls/CallPage");

/** A page after which a call usually follows: the waiting room, the doctor's queue and desk, an appointment. */
const leadsToCall = (route: Pick<RouteObject, "lazy">) => preloadAfter(route, loadCallPage);

export const routes: RouteObject[] = [
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage />,
    // The first page's chunk loads before the first render (a deep link, a reload): say so instead of a blank page.
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        element: <PublicLayout />,
        children: [
          { path: "sign-in", ...page(() => import("./features/auth/SignInPage"), "SignInPage") },
          { path: "register", ...page(() => import("./features/auth/RegisterPage"), "RegisterPage") },
          { path: "verify-email", ...page(() => import("./features/auth/VerifyEmailPage"), "VerifyEmailPage") },
          { path: "forgot-password", ...page(() => import("./features/auth/ForgotPasswordPage"), "ForgotPasswordPage") },
          { path: "reset-password", ...page(() => import("./features/auth/ResetPasswordPage"), "ResetPasswordPage") },
          { path: "accept-invitation", ...page(() => import("./features/auth/AcceptInvitationPage"), "AcceptInvitationPage") },
          { path: "mfa", ...page(() => import("./features/auth/MfaPage"), "MfaPage") },
          { path: "mfa/enrol", ...page(() => import("./features/auth/MfaEnrolPage"), "MfaEnrolPage") },
          // Reminder links (e-mail, SMS): no sign-in, the token is the credential.
          { path: "r/:token", ...page(() => import("./features/scheduling/ReminderActionPage"), "ReminderActionPage") },
          // The unsubscribe line of optional e-mails: no sign-in, the token is the credential.
          { path: "unsubscribe/:token", ...page(() => import("./features/notifications/UnsubscribePage"), "UnsubscribePage") },
          // The clinics' public pages: visitors read them before signing in.
          { path: "clinics", ...page(() => import("./features/clinics/PublicClinicsPage"), "PublicClinicsPage") },
          { path: "clinics/:id", ...page(() => import("./features/clinics/PublicClinicPage"), "PublicClinicPage") },
          // A prescription's QR code opens this page; pharmacies check it without signing in.
          { path: "verify/rx/:code", ...page(() => import("./features/verification/PrescriptionVerificationPage"), "PrescriptionVerificationPage") },
          // The doctor directory before sign-in: search, profiles and free times (no patient data).
          { path: "doctors", ...pageWith(() => import("./features/patient/DoctorSearchPage"), (m) => <m.DoctorSearchPage basePath="" />) },
          { path: "doctors/:id", ...pageWith(() => import("./features/patient/DoctorProfilePage"), (m) => <m.DoctorProfilePage basePath="" />) },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: "patient",
            element: <RequireRole role="Patient" />,
            children: [
              { index: true, ...page(() => import("./features/patient/PatientHomePage"), "PatientHomePage") },
              { path: "doctors", ...page(() => import("./features/patient/DoctorSearchPage"), "DoctorSearchPage") },
              { path: "doctors/:id", ...page(() => import("./features/patient/DoctorProfilePage"), "DoctorProfilePage") },
              { path: "doctors/:id/book", ...pageWith(() => import("./features/scheduling/DoctorSlotsPage"), (m) => <m.DoctorSlotsPage basePath="/patient" />) },
              { path: "book", ...pageWith(() => import("./features/scheduling/SlotSearchPage"), (m) => <m.SlotSearchPage basePath="/patient" />) },
              { path: "appointments", ...page(() => import("./features/scheduling/MyAppointmentsPage"), "MyAppointmentsPage") },
              { path: "appointments/:id", ...leadsToCall(pageWith(() => import("./features/scheduling/AppointmentPage"), (m) => <m.AppointmentPage viewer="patient" />)) },
              { path: "profile", ...page(() => import("./features/patient/PatientProfilePage"), "PatientProfilePage") },
              { path: "visit/:appointmentId", ...page(() => import("./features/consultations/VisitEntryPage"), "VisitEntryPage") },
              { path: "see-a-doctor-now", ...page(() => import("./features/consultations/SeeDoctorNowPage"), "SeeDoctorNowPage") },
              { path: "consultations/:id/waiting", ...leadsToCall(page(() => import("./features/consultations/WaitingRoomPage"), "WaitingRoomPage")) },
              { path: "consultations/:id/review", ...page(() => import("./features/feedback/ReviewPage"), "ReviewPage") },
              { path: "messages", ...page(() => import("./features/chat/MessagesPage"), "MessagesPage") },
              { path: "messages/:id", ...page(() => import("./features/chat/ConversationPage"), "ConversationPage") },
              { path: "clinic-messages", ...page(() => import("./features/frontoffice/ClinicMessagesPage"), "ClinicMessagesPage") },
              { path: "pharmacies", ...page(() => import("./features/pharmacy/PharmaciesNearMePage"), "PharmaciesNearMePage") },
              { path: "prescriptions/:id/pharmacy", ...page(() => import("./features/pharmacy/PharmaciesNearMePage"), "PharmaciesNearMePage") },
              { path: "visit-summaries", ...page(() => import("./features/clinical/VisitSummariesPage"), "VisitSummariesPage") },
              { path: "prescriptions", ...page(() => import("./features/prescriptions/MyPrescriptionsPage"), "MyPrescriptionsPage") },
              { path: "visit-summaries/:id", ...page(() => import("./features/clinical/VisitSummaryPage"), "VisitSummaryPage") },
              { path: "refills", ...page(() => import("./features/refills/PatientRefillsPage"), "PatientRefillsPage") },
              { path: "privacy", ...page(() => import("./features/privacy/PrivacyPage"), "PrivacyPage") },
              { path: "lab-results", ...page(() => import("./features/labs/PatientLabResultsPage"), "PatientLabResultsPage") },
              { path: "record", ...page(() => import("./features/record/MyRecordPage"), "MyRecordPage") },
            ],
          },
          {
            path: "doctor",
            element: <RequireRole role="Doctor" />,
            children: [
              { index: true, ...leadsToCall(page(() => import("./features/doctor/DoctorHomePage"), "DoctorHomePage")) },
              { path: "patients/:id", ...page(() => import("./features/doctor/DoctorPatientPage"), "DoctorPatientPage") },
              { path: "profile", ...page(() => import("./features/doctor/DoctorOwnProfilePage"), "DoctorOwnProfilePage") },
              { path: "schedule", ...page(() => import("./features/scheduling/doctorPages"), "DoctorSchedulePage") },
              { path: "availability", ...page(() => import("./features/scheduling/doctorPages"), "DoctorAvailabilityPage") },
              { path: "appointments/:id", ...leadsToCall(pageWith(() => import("./features/scheduling/AppointmentPage"), (m) => <m.AppointmentPage viewer="doctor" />)) },
              { path: "consultations", ...leadsToCall(page(() => import("./features/consultations/DoctorConsultationsPage"), "DoctorConsultationsPage")) },
              { path: "messages", ...page(() => import("./features/chat/MessagesPage"), "MessagesPage") },
              { path: "messages/:id", ...page(() => import("./features/chat/ConversationPage"), "ConversationPage") },
              { path: "review-requests", ...page(() => import("./features/frontoffice/ReviewTasksPage"), "ReviewTasksPage") },
              { path: "consultations/:id/protocol", ...page(() => import("./features/clinical/ProtocolPage"), "ProtocolPage") },
              { path: "refill-requests", ...page(() => import("./features/refills/RefillTasksPage"), "RefillTasksPage") },
              { path: "lab-results", ...page(() => import("./features/labs/DoctorLabResultsPage"), "DoctorLabResultsPage") },
              { path: "lab-results/:id", ...page(() => import("./features/labs/DoctorLabResultsPage"), "DoctorLabResultsPage") },
              { path: "consultations/:id/lab-orders", ...page(() => import("./features/labs/LabOrderPage"), "LabOrderPage") },
              { path: "patients/:id/record", ...page(() => import("./features/record/DoctorRecordPage"), "DoctorRecordPage") },
            ],
          },
          {
            path: "front-desk",
            element: <RequireRole role="FrontDesk" />,
            children: [
              { index: true, ...page(() => import("./features/frontdesk/FrontDeskSearchPage"), "FrontDeskSearchPage") },
              { path: "patients/new", ...page(() => import("./features/frontoffice/RegisterPatientPage"), "RegisterPatientPage") },
              { path: "patients/:id", ...page(() => import("./features/frontdesk/FrontDeskPatientPage"), "FrontDeskPatientPage") },
              { path: "today", ...page(() => import("./features/frontdesk/FrontDeskTodayPage"), "FrontDeskTodayPage") },
              { path: "schedules", ...page(() => import("./features/frontdesk/FrontDeskSchedulesPage"), "FrontDeskSchedulesPage") },
              { path: "book", ...pageWith(() => import("./features/scheduling/SlotSearchPage"), (m) => <m.SlotSearchPage basePath="/front-desk" />) },
              { path: "doctors/:id/book", ...pageWith(() => import("./features/scheduling/DoctorSlotsPage"), (m) => <m.DoctorSlotsPage basePath="/front-desk" />) },
              { path: "appointments/:id", ...pageWith(() => import("./features/scheduling/AppointmentPage"), (m) => <m.AppointmentPage viewer="frontDesk" />) },
              { path: "escalations", ...page(() => import("./features/consultations/FrontDeskEscalationsPage"), "FrontDeskEscalationsPage") },
            ],
          },
          {
            path: "pharmacist",
            element: <RequireRole role="Pharmacist" />,
            children: [{ index: true, ...page(() => import("./features/pharmacist/PharmacistHomePage"), "PharmacistHomePage") }],
          },
          {
            path: "admin",
            element: <RequireRole role="Admin" />,
            children: [
              { index: true, ...page(() => import("./features/admin/AdminHomePage"), "AdminHomePage") },
              { path: "users", ...page(() => import("./features/admin/AdminUsersPage"), "AdminUsersPage") },
              { path: "doctors", ...page(() => import("./features/admin/AdminDoctorsPage"), "AdminDoctorsPage") },
              { path: "doctors/:id", ...page(() => import("./features/admin/AdminDoctorPage"), "AdminDoctorPage") },
              { path: "clinics", ...page(() => import("./features/admin/AdminClinicsPage"), "AdminClinicsPage") },
              { path: "clinics/:id", ...page(() => import("./features/admin/AdminClinicPage"), "AdminClinicPage") },
              { path: "clinics/:id/pages", ...page(() => import("./features/admin/AdminClinicPagesPage"), "AdminClinicPagesPage") },
              { path: "audit", ...page(() => import("./features/admin/AdminAuditPage"), "AdminAuditPage") },
              { path: "outbox", ...page(() => import("./features/admin/AdminOutboxPage"), "AdminOutboxPage") },
              { path: "clinic-policy", ...page(() => import("./features/admin/ClinicPolicyPage"), "ClinicPolicyPage") },
              { path: "erasure-requests", ...page(() => import("./features/admin/AdminErasureRequestsPage"), "AdminErasureRequestsPage") },
              { path: "signing-certificates", ...page(() => import("./features/signing/AdminSigningCredentialsPage"), "AdminSigningCredentialsPage") },
              { path: "payments", ...page(() => import("./features/billing/AdminPaymentsPage"), "AdminPaymentsPage") },
              { path: "claims", ...page(() => import("./features/billing/AdminClaimsPage"), "AdminClaimsPage") },
              { path: "analytics", ...page(() => import("./features/analytics/AdminAnalyticsPage"), "AdminAnalyticsPage") },
              { path: "reviews", ...page(() => import("./features/feedback/AdminReviewsPage"), "AdminReviewsPage") },
            ],
          },
          // The call and the device check belong to no portal: patients and doctors both use them.
          { path: "consultations/:id/call", ...page(loadCallPage, "CallPage") },
          { path: "device-check", ...page(() => import("./features/calls/DeviceCheckPage"), "DeviceCheckPage") },
          // Group calls: any signed-in user may be invited as a guest (interpreter, family member, consulting doctor).
          { path: "call-invitations", ...page(() => import("./features/calls/GuestPages"), "CallInvitationsPage") },
          { path: "consultations/:id/join", ...page(() => import("./features/calls/GuestPages"), "GuestJoinPage") },
          { path: "no-access", element: <NoAccessPage /> },
          { path: "account", ...page(() => import("./features/auth/AccountPage"), "AccountPage") },
          { path: "notifications", ...page(() => import("./features/notifications/NotificationsPage"), "NotificationsPage") },
          { path: "account/notifications", ...page(() => import("./features/notifications/NotificationPreferencesPage"), "NotificationPreferencesPage") },
        ],
      },
      { element: <PublicLayout />, children: [{ path: "*", element: <NotFoundPage /> }] },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
