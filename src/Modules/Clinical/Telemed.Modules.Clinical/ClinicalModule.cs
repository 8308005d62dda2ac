using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Icd10;
using Telemed.Modules.Clinical.Icd10.ImportIcd10;
using Telemed.Modules.Clinical.Icd10.SearchIcd10;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Jurisdictions.SetJurisdiction;
using Telemed.Modules.Clinical.Protocols;
using Telemed.Modules.Clinical.Protocols.ReadProtocol;
using Telemed.Modules.Clinical.Protocols.WriteProtocol;
using Telemed.Modules.Clinical.Protocols.SignProtocol;
using Telemed.Modules.Clinical.Protocols.VerifyProtocol;
using Telemed.Modules.Clinical.Protocols.Addenda;
using Telemed.Modules.Clinical.Protocols.VisitSummaries;
using Telemed.Modules.Clinical.Signing;
using Telemed.Modules.Clinical.Signing.Credentials;
using Telemed.Modules.Clinical.PrescriptionDocuments;
using Telemed.Modules.Clinical.PrescriptionDocuments.DownloadPrescriptionDocument;
using Telemed.Modules.Clinical.PrescriptionDocuments.VerifyPrescriptionPublicly;

namespace Telemed.Modules.Clinical;

/// <summary>
/// Clinical documentation: what the doctor writes about a consultation — the structured visit protocol with ICD-10
/// diagnoses and referrals — the clinic's ICD-10 catalogue, and the jurisdiction rules that bound what a remote visit may
/// record (Russia's 323-FZ art. 36.2). See docs/clinical.md.
/// </summary>
public sealed class ClinicalModule : IModule
{
    public string Name => "clinical";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ClinicalDbContext>();
        services.AddSingleton(new ModuleMigrations("clinical", typeof(ClinicalDbContext), typeof(ClinicalModule).Assembly));
        services.AddScoped<Icd10Catalogue>();
        services.AddScoped<ProtocolSubjects>();
        services.AddScoped<IClinicalModule, ClinicalFacade>();
        services.AddScoped<IClinicalHistory, ClinicalHistoryFacade>();
        services.AddScoped<IClinicalRecords, ClinicalRecordsFacade>();
        services.AddScoped<IStartupTask, BundledIcd10Codes>();
        services.AddScoped<IStartupTask, SigningAuthoritySetup>();
        services.AddScoped<ClinicCaSignatureProvider>();
        services.AddScoped<IDocumentSignatureProvider>(sp => sp.GetRequiredService<ClinicCaSignatureProvider>());
        services.AddPublicUrls();
        services.AddScoped<PrescriptionDocumentComposer>();
        services.AddScoped<Formulary.FormularyCatalogue>();
        services.AddScoped<IStartupTask, Formulary.BundledFormulary>();
        services.AddScoped<IPrescriptionsForDispensing, Prescriptions.Dispensing.PrescriptionsForDispensing>();
        services.AddScoped<Prescriptions.PrescriptionSubjects>();
        services.AddIntegrationEventHandler<PrescriptionSigned, Prescriptions.Refills.ApproveRefillWhenSigned>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var protocols = api.MapGroup("/consultations/{id:guid}/protocol").WithTags("Clinical documentation");
        protocols.MapGet("", ReadProtocol.EndpointAsync).RequireAuthorization(Policies.SignedIn).WithName("GetVisitProtocol");
        protocols.MapPut("", WriteProtocol.EndpointAsync).RequireAuthorization(Policies.SignedIn).Validate<WriteProtocolRequest>().WithName("WriteVisitProtocol");
        protocols.MapPost("/sign", SignProtocol.EndpointAsync).RequireAuthorization(Policies.SignedIn).Validate<SignProtocolRequest>().WithName("SignVisitProtocol");
        protocols.MapGet("/verification", VerifyProtocol.EndpointAsync).RequireAuthorization(Policies.SignedIn).WithName("VerifyVisitProtocol");
        protocols.MapPost("/addenda", AddAddendum.EndpointAsync).RequireAuthorization(Policies.SignedIn).Validate<AddAddendumRequest>().AcceptsIdempotencyKey().WithName("AddProtocolAddendum");

        var summaries = api.MapGroup("/me/visit-summaries").WithTags("Clinical documentation").RequireAuthorization(Policies.SignedIn);
        summaries.MapGet("", VisitSummaries.ListAsync).WithName("ListMyVisitSummaries");
        summaries.MapGet("/{consultationId:guid}", VisitSummaries.GetAsync).WithName("GetMyVisitSummary");

        var signing = api.MapGroup("/clinical/signing").WithTags("Clinical documentation");
        signing.MapGet("/credential", SigningCredentialEndpoints.MineAsync).RequireAuthorization(Policies.Doctor).WithName("GetMySigningCredential");
        signing.MapPost("/credential/rotate", SigningCredentialEndpoints.RotateAsync).RequireAuthorization(Policies.Doctor).AcceptsIdempotencyKey().WithName("RotateMySigningCredential");
        signing.MapGet("/authority.pem", SigningCredentialEndpoints.AuthorityAsync).AllowAnonymous().WithName("GetSigningAuthorityCertificate");
        var credentials = api.MapGroup("/admin/signing/credentials").WithTags("Administration").RequireAuthorization(Policies.Admin);
        credentials.MapGet("", SigningCredentialEndpoints.ListAsync).WithName("ListSigningCredentials");
        credentials.MapPost("/{credentialId:guid}/revoke", SigningCredentialEndpoints.RevokeAsync).Validate<RevokeCredentialRequest>().WithName("RevokeSigningCredential");

        api.MapGet("/clinical/icd10", SearchIcd10.EndpointAsync).RequireAuthorization(Policies.Doctor).WithTags("Clinical documentation").WithName("SearchIcd10");
        api.MapPost("/admin/icd10/import", ImportIcd10.EndpointAsync).RequireAuthorization(Policies.Admin).Accepts<string>("text/plain")
            .WithTags("Administration").WithName("ImportIcd10");

        api.MapGet("/prescriptions/{id:guid}/document.pdf", DownloadPrescriptionDocument.EndpointAsync).RequireAuthorization(Policies.SignedIn)
            .WithTags("Prescriptions").WithName("DownloadPrescriptionDocument");
        api.MapGet("/public/prescriptions/{code}", VerifyPrescriptionPublicly.EndpointAsync).PublicRead().WithTags("Public")
            .WithName("VerifyPrescriptionPublicly");
        MapPrescriptions(api);
        Prescriptions.Refills.RefillEndpoints.Map(api);

        var jurisdiction = api.MapGroup("/admin/clinics/{id:guid}/jurisdiction").WithTags("Administration").RequireAuthorization(Policies.Admin);
        jurisdiction.MapGet("", ClinicJurisdictionEndpoints.GetAsync).WithName("GetClinicJurisdiction");
        jurisdiction.MapPut("", ClinicJurisdictionEndpoints.PutAsync).Validate<SetJurisdictionRequest>().WithName("SetClinicJurisdiction");
    }

    private static void MapPrescriptions(IEndpointRouteBuilder api)
    {
        var rx = api.MapGroup("/consultations/{id:guid}/prescriptions").WithTags("Prescriptions").RequireAuthorization(Policies.SignedIn);
        rx.MapPost("", Prescriptions.WritePrescription.WritePrescription.CreateAsync).Validate<Prescriptions.WritePrescription.PrescriptionRequest>().AcceptsIdempotencyKey().WithName("CreatePrescription");
        rx.MapGet("", Prescriptions.ReadPrescriptions.ReadPrescriptions.ListAsync).WithName("ListConsultationPrescriptions");
        rx.MapGet("/{prescriptionId:guid}", Prescriptions.ReadPrescriptions.ReadPrescriptions.OneAsync).WithName("GetPrescription");
        rx.MapPut("/{prescriptionId:guid}", Prescriptions.WritePrescription.WritePrescription.UpdateAsync).Validate<Prescriptions.WritePrescription.PrescriptionRequest>().WithName("UpdatePrescription");
        rx.MapPost("/{prescriptionId:guid}/overrides", Prescriptions.OverrideFinding.OverrideFinding.EndpointAsync).Validate<Prescriptions.OverrideFinding.OverrideRequest>().WithName("OverridePrescriptionFinding");
        rx.MapPost("/{prescriptionId:guid}/sign", Prescriptions.SignPrescription.SignPrescription.EndpointAsync).Validate<Prescriptions.SignPrescription.SignPrescriptionRequest>().WithName("SignPrescription");
        rx.MapPost("/{prescriptionId:guid}/cancel", Prescriptions.CancelPrescription.CancelPrescription.EndpointAsync).Validate<Prescriptions.CancelPrescription.CancelPrescriptionRequest>().WithName("CancelPrescription");
        api.MapGet("/me/prescriptions", Prescriptions.MyPrescriptions.MyPrescriptions.EndpointAsync).RequireAuthorization(Policies.SignedIn).WithTags("Prescriptions").WithName("GetMyPrescriptions");
        api.MapGet("/clinical/formulary", Formulary.SearchFormulary.SearchFormulary.EndpointAsync).RequireAuthorization(Policies.Doctor).WithTags("Prescriptions").WithName("SearchFormulary");
        api.MapPost("/admin/formulary/import", Formulary.ImportFormulary.ImportFormulary.EndpointAsync).RequireAuthorization(Policies.Admin).Accepts<string>("text/plain")
            .WithTags("Administration").WithName("ImportFormulary");
    }
}
