using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Audit;
using Telemed.Modules.Billing;
using Telemed.Modules.Clinical;
using Telemed.Modules.Consultations;
using Telemed.Modules.Directory;
using Telemed.Modules.Feedback;
using Telemed.Modules.Fhir;
using Telemed.Modules.FrontOffice;
using Telemed.Modules.Identity;
using Telemed.Modules.Interop;
using Telemed.Modules.Labs;
using Telemed.Modules.Notifications;
using Telemed.Modules.Pharmacy;
using Telemed.Modules.Privacy;
using Telemed.Modules.Records;
using Telemed.Modules.Scheduling;

namespace Telemed.Host.Platform;

/// <summary>
/// Every module the host composes, listed once. Order matters: migrations run in this order (audit before
/// anything that writes to it), and a module's event handlers may rely on the modules before it.
/// The host, the validator scan and the architecture tests all read this list.
/// </summary>
public static class ModuleCatalog
{
    public static readonly IReadOnlyList<IModule> All =
    [
        new AuditModule(),
        new NotificationsModule(),
        new IdentityModule(),
        new DirectoryModule(),
        new SchedulingModule(),
        new ConsultationsModule(),
        new FrontOfficeModule(),
        new ClinicalModule(),
        new PharmacyModule(),
        new PrivacyModule(),
        new FeedbackModule(),
        new FhirModule(),
        new RecordsModule(),
        new LabsModule(),
        new InteropModule(),
        new BillingModule(),
    ];
}
