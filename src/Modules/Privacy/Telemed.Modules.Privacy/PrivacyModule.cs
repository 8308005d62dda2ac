using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Privacy.Consents;
using Telemed.Modules.Privacy.Contracts;
using Telemed.Modules.Privacy.Infrastructure;
using Telemed.Modules.Privacy.AccessReport;
using Telemed.Modules.Privacy.Subjects;

namespace Telemed.Modules.Privacy;

/// <summary>
/// The patient's privacy rights: the access report (who of the staff opened their record, from the audit trail), consents
/// with versioned texts, the data export and erasure requests with the admin's review. See docs/privacy.md.
/// </summary>
public sealed class PrivacyModule : IModule
{
    public string Name => "privacy";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PrivacyDbContext>();
        services.AddSingleton(new ModuleMigrations("privacy", typeof(PrivacyDbContext), typeof(PrivacyModule).Assembly));
        services.AddScoped<PrivacySubjects>();
        services.AddScoped<IConsents, ConsentsFacade>();
        services.AddScoped<IConsentRecords, ConsentRecordsFacade>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var mine = api.MapGroup("/me").WithTags("Privacy").RequireAuthorization(Policies.Patient);
        mine.MapGet("/access-report", GetAccessReport.HandleAsync).WithName("GetMyAccessReport");
        mine.MapGet("/consents", ConsentEndpoints.ListAsync).WithName("ListMyConsents");
        mine.MapPost("/consents/{kind}/give", ConsentEndpoints.GiveAsync).Validate<ConsentAnswer>().WithName("GiveConsent");
        mine.MapPost("/consents/{kind}/withdraw", ConsentEndpoints.WithdrawAsync).WithName("WithdrawConsent");

        var admin = api.MapGroup("/admin/consent-texts").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ConsentEndpoints.ListTextsAsync).WithName("ListConsentTexts");
        admin.MapPost("/{kind}", ConsentEndpoints.PublishAsync).Validate<PublishConsentTextRequest>().WithName("PublishConsentText");
    }
}
