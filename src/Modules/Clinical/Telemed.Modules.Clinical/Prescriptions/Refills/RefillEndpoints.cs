using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Prescriptions.Refills.DecideRefill;
using Telemed.Modules.Clinical.Prescriptions.Refills.RequestRefill;

namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>The refill routes (see docs/clinical.md, "Refills").</summary>
internal static class RefillEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/me/prescriptions/{id:guid}/refill-requests", RequestRefill.RequestRefill.EndpointAsync).RequireAuthorization(Policies.SignedIn)
            .Validate<RequestRefillRequest>().WithTags("Prescriptions").WithName("RequestPrescriptionRefill");
        api.MapGet("/me/refill-requests", ListRefillRequests.ListRefillRequests.MineAsync).RequireAuthorization(Policies.SignedIn)
            .WithTags("Prescriptions").WithName("GetMyRefillRequests");
        var doctor = api.MapGroup("/clinical/refill-requests").WithTags("Prescriptions").RequireAuthorization(Policies.Doctor);
        doctor.MapGet("", ListRefillRequests.ListRefillRequests.AssignedToMeAsync).WithName("ListAssignedRefillRequests");
        doctor.MapPost("/{id:guid}/approve", DecideRefill.DecideRefill.ApproveAsync).WithName("ApproveRefillRequest");
        doctor.MapPost("/{id:guid}/decline", DecideRefill.DecideRefill.DeclineAsync).Validate<DeclineRefillRequest>().WithName("DeclineRefillRequest");
    }
}
