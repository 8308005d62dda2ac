using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
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
using Telemed.Modules.Privacy.Export;
using Telemed.Modules.Privacy.Erasure;

namespace Telemed.Modules.Privacy;

/// <summary>
/// The patient's privacy rights: the access report (who of the staff opened their record, from the audit trail), consents
/// with versioned texts, the data export and erasure requests with the admin's review. See docs/privacy.md.
/// </summary>
public sealed class PrivacyModule : IModule
{
    /// <summary>The data export's rate limit: per account, <c>Privacy:ExportsPerHour</c> (default 10) downloads an hour; more answers 429.</summary>
    public const string ExportRateLimit = "privacy-export";

    public string Name => "privacy";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PrivacyDbContext>();
        services.AddSingleton(new ModuleMigrations("privacy", typeof(PrivacyDbContext), typeof(PrivacyModule).Assembly));
        services.AddScoped<IConsents, ConsentsFacade>();
        services.AddScoped<IConsentRecords, ConsentRecordsFacade>();
        services.AddScoped<ErasureSteps>();
        var exportsPerHour = configuration.GetValue("Privacy:ExportsPerHour", 10);
        // An export reads the whole record: a loop over it would flood the trail and the database, so it is limited per account.
        services.AddRateLimiter(o => o.AddPolicy(ExportRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = exportsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var mine = api.MapGroup("/me").WithTags("Privacy").RequireAuthorization(Policies.Patient);
        mine.MapGet("/access-report", GetAccessReport.HandleAsync).WithName("GetMyAccessReport");
        mine.MapGet("/consents", ConsentEndpoints.ListAsync).WithName("ListMyConsents");
        mine.MapPost("/consents/{kind}/give", ConsentEndpoints.GiveAsync).Validate<ConsentAnswer>().WithName("GiveConsent");
        mine.MapPost("/consents/{kind}/withdraw", ConsentEndpoints.WithdrawAsync).WithName("WithdrawConsent");
        mine.MapGet("/export", ExportMyData.HandleAsync).RequireRateLimiting(ExportRateLimit).WithName("ExportMyData");
        mine.MapPost("/erasure-requests", ErasureEndpoints.RequestAsync).Validate<RequestErasureBody>().WithName("RequestErasure");
        mine.MapGet("/erasure-requests", ErasureEndpoints.MineAsync).WithName("ListMyErasureRequests");

        var erasures = api.MapGroup("/admin/erasure-requests").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        erasures.MapGet("/", ErasureEndpoints.ListAsync).WithName("ListErasureRequests");
        erasures.MapPost("/{id:guid}/carry-out", ErasureEndpoints.CarryOutAsync).WithName("CarryOutErasure");
        erasures.MapPost("/{id:guid}/decline", ErasureEndpoints.DeclineAsync).Validate<DeclineErasureBody>().WithName("DeclineErasure");

        var admin = api.MapGroup("/admin/consent-texts").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ConsentEndpoints.ListTextsAsync).WithName("ListConsentTexts");
        admin.MapPost("/{kind}", ConsentEndpoints.PublishAsync).Validate<PublishConsentTextRequest>().WithName("PublishConsentText");
    }
}
