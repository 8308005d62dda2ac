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
using Telemed.Modules.Pharmacy.Contracts;
using Telemed.Modules.Pharmacy.Dispensing.PharmacistPortal;
using Telemed.Modules.Pharmacy.Dispensing.SendToPharmacy;
using Telemed.Modules.Pharmacy.Infrastructure;
using Telemed.Modules.Pharmacy.Pharmacies.Administer;
using Telemed.Modules.Pharmacy.Pharmacies.FindNearby;

namespace Telemed.Modules.Pharmacy;

/// <summary>
/// Pharmacies and dispensing: the pharmacies patients find near them and send prescriptions to, which pharmacist belongs
/// to which pharmacy, and the pharmacist portal that verifies a signed prescription and dispenses it in full or in part,
/// or declines it. See docs/pharmacy.md.
/// </summary>
public sealed class PharmacyModule : IModule
{
    public string Name => "pharmacy";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PharmacyDbContext>();
        services.AddSingleton(new ModuleMigrations("pharmacy", typeof(PharmacyDbContext), typeof(PharmacyModule).Assembly));
        services.AddScoped<PrescriptionSource>();
        services.AddScoped<PharmacistDesk>();
        services.AddScoped<IDispensingStatus, DispensingStatusFacade>();
        services.AddScoped<IPharmacyModule, PharmacyFacade>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapGet("/pharmacies", FindNearbyPharmacies.EndpointAsync).RequireAuthorization(Policies.SignedIn).RequireRateLimiting(PublicReadRateLimit.Policy)
            .WithTags("Pharmacy").WithName("FindNearbyPharmacies");

        var mine = api.MapGroup("/me/prescriptions/{id:guid}").WithTags("Pharmacy").RequireAuthorization(Policies.Patient);
        mine.MapPost("/pharmacy", SendToPharmacy.SendAsync).Validate<SendToPharmacyRequest>().WithName("SendPrescriptionToPharmacy");
        mine.MapGet("/dispensing", SendToPharmacy.StatusAsync).WithName("GetMyPrescriptionDispensing");

        var portal = api.MapGroup("/pharmacist").WithTags("Pharmacy").RequireAuthorization(Policies.SignedIn);
        portal.MapGet("/pharmacy", PharmacistPortalEndpoints.MyPharmacyAsync).WithName("GetMyPharmacy");
        portal.MapGet("/prescriptions", PharmacistPortalEndpoints.ListAsync).WithName("ListPharmacyPrescriptions");
        portal.MapPost("/prescriptions/lookup", PharmacistPortalEndpoints.LookupAsync).Validate<LookupRequest>().WithName("LookupPrescriptionByCode");
        portal.MapGet("/prescriptions/{id:guid}", PharmacistPortalEndpoints.GetAsync).WithName("GetPharmacyPrescription");
        portal.MapPost("/prescriptions/{id:guid}/dispense", PharmacistPortalEndpoints.DispenseAsync).Validate<DispenseRequest>().AcceptsIdempotencyKey().WithName("DispensePrescription");
        portal.MapPost("/prescriptions/{id:guid}/decline", PharmacistPortalEndpoints.DeclineAsync).Validate<DeclineRequest>().WithName("DeclinePrescription");

        var admin = api.MapGroup("/admin").WithTags("Administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("/pharmacies", PharmacyAdminEndpoints.ListAsync).WithName("ListPharmacies");
        admin.MapPost("/pharmacies", PharmacyAdminEndpoints.CreateAsync).Validate<PharmacyRequest>().AcceptsIdempotencyKey().WithName("CreatePharmacy");
        admin.MapPut("/pharmacies/{id:guid}", PharmacyAdminEndpoints.EditAsync).Validate<PharmacyRequest>().WithName("EditPharmacy");
        admin.MapPut("/pharmacists/{userId:guid}", PharmacyAdminEndpoints.AttachAsync).Validate<AttachPharmacistRequest>().WithName("AttachPharmacist");
        admin.MapDelete("/pharmacists/{userId:guid}", PharmacyAdminEndpoints.DetachAsync).WithName("DetachPharmacist");
    }
}
