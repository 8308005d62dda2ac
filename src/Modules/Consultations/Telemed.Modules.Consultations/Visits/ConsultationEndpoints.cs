using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Visits.Accept;
using Telemed.Modules.Consultations.Visits.Admission;
using Telemed.Modules.Consultations.Visits.End;
using Telemed.Modules.Consultations.Visits.History;
using Telemed.Modules.Consultations.Visits.Notes;
using Telemed.Modules.Consultations.Visits.Read;

namespace Telemed.Modules.Consultations.Visits;

/// <summary>The consultation's routes; each use case's handler and endpoint live in its own folder.</summary>
internal static class ConsultationEndpoints
{
    public static void MapConsultationEndpoints(this IEndpointRouteBuilder consultations)
    {
        consultations.MapGet("/body-regions", ReadConsultation.BodyMap).RequireAuthorization(Policies.SignedIn).WithTags("Complaints").WithName("GetBodyMap");
        consultations.MapPost("/triage", ReadConsultation.Assess).RequireAuthorization(Policies.SignedIn).Validate<ComplaintForm>().WithTags("Complaints").WithName("AssessComplaint");

        var visits = consultations.MapGroup("").WithTags("Consultations");
        visits.MapPost("/appointments/{appointmentId:guid}/enter", EnterWaitingRoom.EndpointAsync).RequireAuthorization(Policies.Patient).Validate<ComplaintForm>().WithName("EnterWaitingRoom");
        visits.MapPost("/on-demand", RequestOnDemand.EndpointAsync).RequireAuthorization(Policies.Patient).Validate<OnDemandRequest>().WithName("RequestOnDemandConsultation");
        visits.MapGet("/mine", ReadConsultation.MineAsync).RequireAuthorization(Policies.Patient).WithName("ListMyConsultations");
        visits.MapGet("/{id:guid}", ReadConsultation.OneAsync).RequireAuthorization(Policies.SignedIn).WithName("GetConsultation");
        visits.MapGet("/{id:guid}/complaint", ReadConsultation.ComplaintAsync).RequireAuthorization(Policies.SignedIn).WithName("GetConsultationComplaint");
        visits.MapPost("/{id:guid}/accept", AcceptConsultation.EndpointAsync).RequireAuthorization(Policies.Doctor).WithName("AcceptConsultation");
        visits.MapPost("/{id:guid}/end", EndConsultation.EndpointAsync).RequireAuthorization(Policies.Doctor).WithName("EndConsultation");
        visits.MapPost("/{id:guid}/fail", FailConsultation.EndpointAsync).RequireAuthorization(Policies.SignedIn).Validate<FailRequest>().WithName("FailConsultation");
        visits.MapGet("/{id:guid}/history", PatientHistory.GetAsync).RequireAuthorization(Policies.Doctor).WithName("GetPatientConsultationHistory");
        visits.MapGet("/{id:guid}/notes", ConsultationNotes.GetAsync).RequireAuthorization(Policies.Doctor).WithName("GetConsultationNotes");
        visits.MapPut("/{id:guid}/notes", ConsultationNotes.PutAsync).RequireAuthorization(Policies.Doctor).Validate<NotesRequest>().WithName("WriteConsultationNotes");
    }
}
