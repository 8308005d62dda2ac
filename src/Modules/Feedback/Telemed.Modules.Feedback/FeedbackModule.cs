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
using Telemed.Modules.Feedback.Contracts;
using Telemed.Modules.Feedback.Infrastructure;
using Telemed.Modules.Feedback.Moderation;
using Telemed.Modules.Feedback.Reviews;

namespace Telemed.Modules.Feedback;

/// <summary>
/// Reviews and NPS: after a completed visit the patient leaves one review (1–5 stars, text) and answers the NPS question (0–10);
/// the doctor's public profile shows the visible reviews with average and count; admins hide and show them. See docs/feedback.md.
/// </summary>
public sealed class FeedbackModule : IModule
{
    public string Name => "feedback";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<FeedbackDbContext>();
        services.AddSingleton(new ModuleMigrations("feedback", typeof(FeedbackDbContext), typeof(FeedbackModule).Assembly));
        services.AddSingleton(FeedbackOptions.From(configuration));
        services.AddScoped<IFeedbackFigures, FeedbackFiguresReader>();
        services.AddScoped<IReviewPrivacy, Reviews.ReviewPrivacy>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        // Signed in with any role: who may is decided per visit, and anyone else gets the same 404 (audited) whatever their role.
        var visit = api.MapGroup("/consultations/{consultationId:guid}/review").WithTags("Feedback").RequireAuthorization(Policies.SignedIn);
        visit.MapPost("/", LeaveReview.HandleAsync).Validate<LeaveReviewBody>().WithName("LeaveReview");
        visit.MapGet("/", LeaveReview.GetMineAsync).WithName("GetMyReview");

        api.MapGet("/doctors/{doctorId:guid}/reviews", DoctorReviews.ListAsync).PublicRead().WithTags("Feedback").WithName("ListDoctorReviews");

        var admin = api.MapGroup("/admin/reviews").WithTags("Feedback").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ModerationEndpoints.ListAsync).WithName("ListReviewsForModeration");
        admin.MapPost("/{id:guid}/hide", ModerationEndpoints.HideAsync).Validate<HideReviewBody>().WithName("HideReview");
        admin.MapPost("/{id:guid}/show", ModerationEndpoints.ShowAsync).WithName("ShowReview");
    }
}
