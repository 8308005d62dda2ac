using Telemed.Modules.Directory.Localisation;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Doctors;

public sealed record UpdateDoctorProfileRequest(string Bio, IReadOnlyList<string> Languages, IReadOnlyList<EducationEntry> Education, Money HourlyRate, int YearsOfExperience);

internal sealed class UpdateDoctorProfileRequestValidator : AbstractValidator<UpdateDoctorProfileRequest>
{
    public UpdateDoctorProfileRequestValidator()
    {
        RuleFor(r => r.Bio).NotNull().MaximumLength(4000);
        RuleFor(r => r.Languages).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("List at least one language.").Must(l => l.Count <= 20).WithMessage("List at most 20 languages.");
        RuleForEach(r => r.Languages).Must(l => l is not null && Doctors.Languages.Known.Contains(l)).WithMessage("Unknown language.");
        RuleFor(r => r.Education).Cascade(CascadeMode.Stop).NotNull().Must(e => e.Count <= 20).WithMessage("At most 20 entries.");
        RuleForEach(r => r.Education).Must(e => e is { Institution.Length: > 0 and <= 200, Degree.Length: > 0 and <= 200, Year: >= 1950 and <= 2100 })
            .WithMessage("Each entry needs an institution, a degree and a year.");
        RuleFor(r => r.HourlyRate).NotNull();
        RuleFor(r => r.HourlyRate.AmountMinor).InclusiveBetween(0, 100_000_000).When(r => r.HourlyRate is not null).WithName("hourlyRate");
        // NotNull: a rate sent without its currency must not be stored without one (Matches lets null through).
        RuleFor(r => r.HourlyRate.Currency).Cascade(CascadeMode.Stop).NotNull().Matches("^[A-Z]{3}$").When(r => r.HourlyRate is not null)
            .WithMessage("Use an ISO 4217 code such as RUB.");
        RuleFor(r => r.YearsOfExperience).InclusiveBetween(0, 70);
    }
}

internal static class MyDoctorProfileEndpoints
{
    public static void MapMyDoctorProfileEndpoints(this IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me/doctor-profile").RequireAuthorization(Policies.Doctor).WithTags("Directory");
        me.MapGet("/", GetAsync).WithName("GetMyDoctorProfile");
        me.MapPut("/", UpdateAsync).Validate<UpdateDoctorProfileRequest>().WithName("UpdateMyDoctorProfile");
    }

    private static Task<DoctorProfile?> LoadAsync(DirectoryDbContext db, Guid userId, CancellationToken ct) =>
        db.Doctors.Include(d => d.Specialties).Include(d => d.Languages).Include(d => d.Clinics).AsSplitQuery().SingleOrDefaultAsync(d => d.UserId == userId, ct);

    private static async Task<Results<Ok<DoctorProfileView>, ProblemHttpResult>> GetAsync(DirectoryDbContext db, ICurrentUser user, CancellationToken ct)
    {
        var doctor = await LoadAsync(db, user.RequireUserId(), ct);
        return doctor is null ? Problems.From(Error.NotFound()) : TypedResults.Ok(DoctorViews.Profile(doctor, await db.Clinics.AsNoTracking().ToDictionaryAsync(c => c.Id, ct), ContentLanguage.Fallback));
    }

    private static async Task<Results<Ok<DoctorProfileView>, ProblemHttpResult>> UpdateAsync(UpdateDoctorProfileRequest request, DirectoryDbContext db, ICurrentUser user, CancellationToken ct)
    {
        var doctor = await LoadAsync(db, user.RequireUserId(), ct);
        if (doctor is null)
        {
            return Problems.From(Error.NotFound());
        }

        doctor.Bio = request.Bio.Trim();
        doctor.SetLanguages(request.Languages);
        doctor.Education = request.Education.ToList();
        doctor.HourlyRateMinor = request.HourlyRate.AmountMinor;
        doctor.Currency = request.HourlyRate.Currency;
        doctor.YearsOfExperience = request.YearsOfExperience;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DoctorViews.Profile(doctor, await db.Clinics.AsNoTracking().ToDictionaryAsync(c => c.Id, ct), ContentLanguage.Fallback));
    }
}
