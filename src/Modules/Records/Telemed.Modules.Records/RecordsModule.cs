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
using Telemed.Modules.Records.Contracts;
using Telemed.Modules.Records.Documents;
using Telemed.Modules.Records.Documents.Read;
using Telemed.Modules.Records.Documents.Scanning;
using Telemed.Modules.Records.Documents.Upload;
using Telemed.Modules.Records.Infrastructure;
using Telemed.Modules.Records.Timeline;

namespace Telemed.Modules.Records;

/// <summary>
/// The patient's record: documents patients upload (checked by content, encrypted at rest, quarantined until the virus
/// scanner says clean, shared with the care team or one doctor). See docs/records.md.
/// </summary>
public sealed class RecordsModule : IModule
{
    public string Name => "records";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RecordsOptions>(configuration.GetSection(RecordsOptions.Section));
        services.AddModuleDbContext<RecordsDbContext>();
        services.AddSingleton(new ModuleMigrations("records", typeof(RecordsDbContext), typeof(RecordsModule).Assembly));
        services.AddSingleton<ScanQueue>();
        services.AddHostedService<QuarantineScanner>();
        services.AddScoped<IRecordsModule, RecordsFacade>();
        services.AddScoped<IRecordsPrivacy, RecordsPrivacyFacade>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var mine = api.MapGroup("/me/record/documents").WithTags("Records").RequireAuthorization(Policies.Patient);
        mine.MapPost("", UploadDocument.HandleAsync).DisableAntiforgery().AcceptsIdempotencyKey().WithName("UploadRecordDocument")
            .WithMetadata(new RequestSizeLimit(64 * 1024 * 1024));
        mine.MapGet("", MyDocuments.ListAsync).WithName("ListMyRecordDocuments");
        mine.MapGet("/{id:guid}/content", MyDocuments.ContentAsync).WithName("GetMyRecordDocumentContent");
        mine.MapPut("/{id:guid}/sharing", MyDocuments.ChangeSharingAsync).Validate<ChangeSharingRequest>().WithName("ChangeRecordDocumentSharing");

        var patients = api.MapGroup("/patients/{patientId:guid}/record/documents").WithTags("Records").RequireAuthorization(Policies.SignedIn);
        patients.MapGet("", PatientDocumentsForDoctor.ListAsync).WithName("ListPatientRecordDocuments");
        patients.MapGet("/{id:guid}/content", PatientDocumentsForDoctor.ContentAsync).WithName("GetPatientRecordDocumentContent");

        api.MapGet("/me/record/timeline", RecordTimeline.MineAsync).WithTags("Records").RequireAuthorization(Policies.Patient).WithName("GetMyRecordTimeline");
        api.MapGet("/patients/{patientId:guid}/record/timeline", RecordTimeline.OfPatientAsync).WithTags("Records").RequireAuthorization(Policies.SignedIn)
            .WithName("GetPatientRecordTimeline");
    }

    private sealed class RequestSizeLimit(long limit) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => limit;
    }
}
