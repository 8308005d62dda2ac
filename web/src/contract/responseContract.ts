/**
 * The contract between the web app and the API, checked by the compiler (`npm run typecheck`, part of the build).
 *
 * `generated/openapi.ts` is generated (`npm run openapi:types`, openapi-typescript) from `web/openapi/v1.json`, which an
 * integration test (OpenApiSnapshotScenarios) keeps equal to the host's /openapi/v1.json. Every response view model the
 * web app reads is mapped below to its schema; a field the web type declares that the schema does not describe (at any
 * depth: nested objects and array items too) fails the build with its path, e.g. `"SessionInfo.demoCredentials[].key"`.
 * `responseContract.test.ts` checks that every named type the API modules (features' *Api.ts, shared/api) read a response
 * into is mapped here. It lives outside shared/ because it also maps feature-owned view models.
 */
import type { components } from "../shared/api/generated/openapi";
import type { Paged } from "../shared/api/types";
import type * as T from "../shared/api/types";
import type * as S from "../shared/api/scheduling";
import type * as C from "../shared/api/consultations";
import type * as Calls from "../features/calls/callsApi";
import type * as Chat from "../features/chat/chatApi";
import type * as Admin from "../features/admin/adminTypes";
import type * as FO from "../features/frontoffice/frontOfficeApi";
import type * as Doctor from "../features/doctor/doctorApi";
import type * as Clinics from "../features/clinics/clinicsApi";
import type * as Verification from "../features/verification/verificationApi";
import type * as N from "../features/notifications/notificationsApi";
import type * as Auth from "../features/auth/authApi";
import type * as Pharmacy from "../features/pharmacist/pharmacyApi";
import type * as Pharmacies from "../features/pharmacy/pharmaciesApi";
import type * as Clinical from "../features/clinical/clinicalApi";
import type * as Rx from "../features/prescriptions/prescriptionsApi";
import type * as Refills from "../features/refills/refillsApi";
import type * as Privacy from "../features/privacy/privacyApi";
import type * as Labs from "../features/labs/labsApi";
import type * as Rec from "../features/record/recordApi";
import type * as Erasure from "../features/admin/erasureRequestsApi";
import type * as Signing from "../features/signing/signingApi";
import type * as Billing from "../features/billing/billingApi";
import type { SignInStatus } from "../shared/api/types";
import type * as Feedback from "../features/feedback/feedbackApi";
import type * as Analytics from "../features/analytics/analyticsTypes";
import type * as Recordings from "../shared/api/recordings";

type Schemas = components["schemas"];


/** Plain objects (not arrays, functions or primitives), whose fields are compared. */
type IsObject<X> = X extends readonly unknown[] ? false : X extends object ? true : false;

/**
 * The paths (`Name.field.nested[]`) of fields web type `W` declares that schema `Sch` lacks; `never` when `W` reads only
 * described fields. A schema without declared properties (a free-form object) accepts any field.
 */
export type ExtraFields<W, Sch, P extends string> =
  NonNullable<W> extends readonly (infer WI)[]
    ? NonNullable<Sch> extends readonly (infer SI)[]
      ? ExtraFields<WI, SI, `${P}[]`>
      : `${P} (an array; the schema's is not)`
    : IsObject<NonNullable<W>> extends true
      ? IsObject<NonNullable<Sch>> extends true
        ? string extends keyof NonNullable<Sch>
          ? never
          : {
              [K in keyof NonNullable<W> & string]-?: K extends keyof NonNullable<Sch>
                ? ExtraFields<NonNullable<W>[K], NonNullable<Sch>[K], `${P}.${K}`>
                : `${P}.${K}`;
            }[keyof NonNullable<W> & string]
        : `${P} (an object; the schema's is not)`
      : never;

/** Web response type → its schema in the OpenAPI document. Keys are the web types' names. */
export interface ResponseContract {
  SessionInfo: [T.SessionInfo, Schemas["SessionInfo"]];
  MfaEnrolment: [T.MfaEnrolment, Schemas["MfaEnrolment"]];
  Specialty: [T.Specialty, Schemas["Specialty"]];
  PatientProfile: [T.PatientProfile, Schemas["PatientProfileView"]];
  Dependent: [T.Dependent, Schemas["DependentView"]];
  OutboxMessage: [Paged<T.OutboxMessage>, Schemas["PagedResultOfOutboxMessageView"]];
  DoctorCard: [Paged<T.DoctorCard>, Schemas["PagedResultOfDoctorCard"]];
  DoctorProfile: [T.DoctorProfile, Schemas["DoctorProfileView"]];
  OwnDoctorProfile: [T.OwnDoctorProfile, Schemas["DoctorProfileView"]];
  AuditEntry: [Paged<T.AuditEntry>, Schemas["PagedResultOfAuditEntryView"]];
  AuditVerification: [T.AuditVerification, Schemas["AuditVerificationReport"]];
  AdminDoctor: [Paged<T.AdminDoctor>, Schemas["PagedResultOfDoctorAdminItem"]];
  AdminUser: [Paged<T.AdminUser>, Schemas["PagedResultOfUserSummary"]];
  Invitation: [T.Invitation, Schemas["InvitationDetails"]];
  SignInResult: [{ status: SignInStatus }, Schemas["SignInStatus"]];
  RecoveryCodes: [{ recoveryCodes: string[] }, Schemas["RecoveryCodesIssued"]];
  DoctorPatient: [T.DoctorPatient, Schemas["MyPatient"]];
  Demographics: [T.Demographics, Schemas["PatientDemographicsView"]];
  ClinicalData: [T.ClinicalData, Schemas["PatientClinicalView"]];
  FrontDeskPatient: [Paged<T.FrontDeskPatient>, Schemas["PagedResultOfPatientListItem"]];
  Appointment: [S.Appointment, Schemas["AppointmentView"]];
  WaitlistEntry: [S.WaitlistEntry, Schemas["WaitlistEntryView"]];
  ReminderAction: [S.ReminderAction, Schemas["ReminderActionView"]];
  DoctorSlots: [S.DoctorSlots, Schemas["DoctorSlots"]];
  DoctorCalendar: [S.DoctorCalendar, Schemas["DoctorCalendarView"]];
  Clinic: [S.Clinic, Schemas["ClinicView"]];
  ClinicPolicy: [S.ClinicPolicy, Schemas["ClinicPolicyView"]];
  ClinicDay: [S.ClinicDay, Schemas["ClinicDayView"]];
  Availability: [S.Availability, Schemas["AvailabilityView"]];
  AvailabilityException: [S.AvailabilityException, Schemas["ExceptionView"]];
  Escalation: [C.Escalation, Schemas["EscalationView"]];
  DutyState: [C.DutyState, Schemas["DutyView"]];
  DoctorQueue: [C.DoctorQueue, Schemas["DoctorQueueView"]];
  BodyRegionsCatalogue: [C.BodyRegionsCatalogue, Schemas["BodyMapView"]];
  EnterResult: [C.EnterResult, Schemas["AdmissionView"]];
  TriageResult: [C.TriageResult, Schemas["TriageResult"]];
  ConsultationView: [C.ConsultationView, Schemas["ConsultationView"]];
  CallsConsultationView: [Calls.ConsultationView, Schemas["ConsultationView"]];
  CallInfo: [Calls.CallInfo, Schemas["CallView"]];
  ScreenSharingView: [Calls.ScreenSharingView, Schemas["ScreenSharingView"]];
  // Issue 16 (group calls).
  CallGuest: [Calls.CallGuest, Schemas["CallGuestView"]];
  CallInvitation: [Calls.CallInvitation, Schemas["CallInvitationView"]];
  ConsultationNotes: [Calls.ConsultationNotes, Schemas["NotesView"]];
  MessageView: [Chat.MessageView, Schemas["MessageView"]];
  ConversationView: [Chat.ConversationView, Schemas["ConversationView"]];
  ComplaintView: [Calls.ComplaintView, Schemas["ComplaintView"]];
  PastConsultation: [Calls.PastConsultation, Schemas["PastConsultationView"]];
  ComplaintDraftView: [C.ComplaintDraftView, Schemas["ComplaintDraftView"]];
  AdminDoctorDetail: [Admin.AdminDoctorDetail, Schemas["DoctorAdminDetail"]];
  VisitsAfterLicence: [Admin.VisitsAfterLicence, Schemas["VisitsAfterLicence"]];
  AdminClinic: [Admin.AdminClinic, Schemas["ClinicView"]];
  AdminClinicView: [Admin.AdminClinicView, Schemas["ClinicAdminView"]];
  AuditChoices: [Admin.AuditChoices, Schemas["AuditChoices"]];
  AuditEntryView: [Paged<Admin.AuditEntryView>, Schemas["PagedResultOfAuditEntryView"]];
  WalkInPatientRegistered: [FO.WalkInPatientRegistered, Schemas["WalkInPatientRegistered"]];
  ClinicThread: [FO.ClinicThread, Schemas["ClinicThreadView"]];
  ClinicMessage: [FO.ClinicMessage, Schemas["ClinicMessageView"]];
  ReviewFlag: [FO.ReviewFlag, Schemas["ReviewFlagView"]];
  ReviewRequestSummary: [Doctor.ReviewRequestSummary, Schemas["ReviewFlagView"]];
  AdminHomeFigures: [Admin.AdminHomeFigures, Schemas["AdminHomeFigures"]];
  ClinicPageSource: [Admin.ClinicPageSource, Schemas["ClinicPageSource"]];
  MarkdownPreview: [Admin.MarkdownPreview, Schemas["MarkdownPreview"]];
  PublicClinicSummary: [Clinics.PublicClinicSummary, Schemas["PublicClinicSummary"]];
  PublicClinicPage: [Clinics.PublicClinicPage, Schemas["PublicClinicPage"]];
  PublicPrescriptionVerification: [Verification.PublicPrescriptionVerification, Schemas["PublicPrescriptionVerification"]];
  NotificationPage: [N.NotificationPage, Schemas["NotificationPage"]];
  NotificationItem: [N.NotificationItem, Schemas["NotificationView"]];
  NotificationPreferencesView: [N.NotificationPreferencesView, Schemas["NotificationPreferencesView"]];
  UnsubscribeLink: [N.UnsubscribeLink, Schemas["UnsubscribeLinkView"]];
  UnreadCount: [N.UnreadCount, Schemas["UnreadCount"]];
  MfaStatus: [Auth.MfaStatus, Schemas["MfaStatus"]];
  MyPharmacy: [Pharmacy.MyPharmacy, Schemas["MyPharmacyView"]];
  CounterPrescription: [Pharmacy.CounterPrescription, Schemas["PharmacistPrescriptionView"]];
  NearbyPharmacy: [Pharmacies.NearbyPharmacy, Schemas["NearbyPharmacy"]];
  DispensingStatus: [Pharmacies.DispensingStatus, Schemas["DispensingStatusView"]];
  VisitProtocol: [Clinical.VisitProtocol, Schemas["ProtocolView"]];
  ProtocolVerification: [Clinical.ProtocolVerification, Schemas["ProtocolVerification"]];
  Icd10Match: [Clinical.Icd10Match, Schemas["Icd10Match"]];
  VisitSummaryItem: [Clinical.VisitSummaryItem, Schemas["VisitSummaryItem"]];
  VisitSummary: [Clinical.VisitSummary, Schemas["VisitSummaryView"]];
  PrescriptionView: [Rx.PrescriptionView, Schemas["PrescriptionView"]];
  FormularyMatch: [Rx.FormularyMatch, Schemas["FormularyMatch"]];
  PatientPrescriptionView: [Rx.PatientPrescriptionView, Schemas["PatientPrescriptionView"]];
  MyPrescription: [Refills.MyPrescription, Schemas["PatientPrescriptionView"]];
  RefillRequest: [Refills.RefillRequest, Schemas["RefillRequestView"]];
  RefillApprovalStarted: [Refills.RefillApprovalStarted, Schemas["RefillApprovalStarted"]];
  AccessReportEntry: [Paged<Privacy.AccessReportEntry>, Schemas["PagedResultOfAccessReportEntry"]];
  ConsentView: [Privacy.ConsentView, Schemas["ConsentView"]];
  LabCatalogueResult: [Labs.LabCatalogueResult, Schemas["LabCatalogueResult"]];
  LabOrder: [Labs.LabOrder, Schemas["LabOrderView"]];
  PartnerLabChoice: [Labs.PartnerLabChoice, Schemas["PartnerLabChoice"]];
  LabReport: [Labs.LabReport, Schemas["LabReportView"]];
  LabTrend: [Labs.LabTrend, Schemas["LabTrendView"]];
  RecordDocument: [Rec.RecordDocument, Schemas["DocumentView"]];
  TimelinePage: [Rec.TimelinePage, Schemas["TimelinePage"]];
  ErasureRequestView: [Privacy.ErasureRequestView, Schemas["ErasureRequestView"]];
  AdminErasureRequest: [Erasure.AdminErasureRequest, Schemas["ErasureRequestView"]];
  SigningCredential: [Signing.SigningCredential, Schemas["SigningCredentialView"]];
  SigningCredentialPage: [Paged<Signing.SigningCredential>, Schemas["PagedResultOfSigningCredentialView"]];
  QuoteView: [Billing.QuoteView, Schemas["QuoteView"]];
  PaymentView: [Paged<Billing.PaymentView>, Schemas["PagedResultOfPaymentView"]];
  PaymentStatusView: [Billing.PaymentStatusView, Schemas["PaymentStatusView"]];
  SandboxConfirmation: [Billing.SandboxConfirmation, Schemas["SandboxConfirmation"]];
  ReconciliationLine: [Billing.ReconciliationLine, Schemas["ReconciliationLine"]];
  ClinicBillingRulesView: [Billing.ClinicBillingRulesView, Schemas["ClinicBillingRulesView"]];
  ClaimView: [Paged<Billing.ClaimView>, Schemas["PagedResultOfClaimView"]];
  MyReview: [Feedback.MyReview, Schemas["MyReviewView"]];
  DoctorReviews: [Feedback.DoctorReviews, Schemas["DoctorReviewsView"]];
  AdminReview: [Feedback.AdminReview, Schemas["AdminReviewView"]];
  ClinicAnalytics: [Analytics.ClinicAnalytics, Schemas["ClinicAnalytics"]];
  // Call recording (issue 16 item 4).
  CallRecordingState: [Recordings.CallRecordingState, Schemas["CallRecordingState"]];
  CallRecordingView: [Recordings.CallRecordingView, Schemas["CallRecordingView"]];
  RecordingPolicy: [Recordings.RecordingPolicy, Schemas["RecordingPolicyView"]];
}

/** Every undescribed field of every mapped type; the line below fails to compile, naming them, unless there is none. */
export type ContractViolations = {
  [K in keyof ResponseContract & string]: ExtraFields<ResponseContract[K][0], ResponseContract[K][1], K>;
}[keyof ResponseContract & string];

type ExpectNone<V extends never> = V;
export type ContractHolds = ExpectNone<ContractViolations>;
