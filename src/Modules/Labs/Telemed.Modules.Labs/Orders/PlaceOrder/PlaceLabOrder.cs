using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Labs.Catalogue;
using Telemed.Modules.Labs.Infrastructure;
using Telemed.Modules.Labs.Results;

namespace Telemed.Modules.Labs.Orders.PlaceOrder;

/// <summary>The tests to order: 1–20 LOINC codes of catalogue entries (tests or panels), no repeats (compared and stored trimmed, upper case).</summary>
public sealed record PlaceLabOrderRequest(IReadOnlyList<string> Tests);

internal sealed class PlaceLabOrderRequestValidator : AbstractValidator<PlaceLabOrderRequest>
{
    public PlaceLabOrderRequestValidator()
    {
        RuleFor(r => r.Tests).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose at least one test.")
            .Must(t => t.Count <= LabOrder.MaxTests).WithMessage($"Order at most {LabOrder.MaxTests} tests at once.")
            // Compared as the catalogue writes them: " 718-7" and "718-7 " are the same test.
            .Must(t => t.Select(BundledLabCatalogue.Normalise).Distinct(StringComparer.Ordinal).Count() == t.Count).WithMessage("Each test once.");
        RuleForEach(r => r.Tests).Must(code => BundledLabCatalogue.Find(code) is not null).WithMessage("Choose tests from the lab catalogue.");
    }
}

/// <summary>
/// POST /consultations/{id}/lab-orders (the consultation's doctor): orders catalogue tests for its patient; 201 with the
/// order (<c>awaitingLab</c> until the patient picks a partner lab). With an <c>Idempotency-Key</c> header the order is placed once
/// per key: the request sent again (its answer was lost) is answered 201 with the order it placed; the same key for other tests
/// is 422 <c>idempotency.key_reused</c>, a key over 100 characters 400 <c>idempotency.key_invalid</c>. GET lists the consultation's
/// orders. Anyone but the consultation's doctor: 404 <c>labs.not_found</c> (audited). A consultation still waiting, cancelled or
/// failed: 409 <c>labs.consultation_not_started</c>.
/// </summary>
internal static class PlaceLabOrder
{
    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string Operation = "labs.place_order";

    public static async Task<Results<Created<LabOrderView>, ProblemHttpResult>> EndpointAsync(Guid id, PlaceLabOrderRequest request, string? lang,
        HttpRequest http, IConsultationsModule consultations, IDirectoryModule directory, LabsDbContext db, ICurrentUser user, AuditScope audit,
        TimeProvider clock, CancellationToken ct)
    {
        var consultation = await consultations.GetConsultationAsync(id, ct);
        if (consultation is null || !user.IsInRole(Roles.Doctor) || consultation.DoctorUserId != user.RequireUserId())
        {
            if (consultation is not null)
            {
                audit.RecordDenied("Consultation", id, "not the consultation's doctor");
            }

            return Problems.From(LabOrder.NotFound);
        }

        if (LabOrder.OrderedOnlyInAStartedConsultation(consultation.Status) is { } notStarted)
        {
            return Problems.From(notStarted);
        }

        // The tests are a set: the same tests ticked in another order are the same request.
        var now = clock.GetUtcNow().UtcDateTime;
        var codes = request.Tests.Select(code => BundledLabCatalogue.Find(code)!.LoincCode).ToList();
        var claim = CreateRequestKeys.Claim(http, user.RequireUserId(), Operation, new { id, Tests = codes.Order(StringComparer.Ordinal).ToList() }, now);
        if (!claim.IsSuccess)
        {
            return Problems.From(claim.Error!);
        }

        if (claim.Value is { } key && await db.EarlierAsync(key, ct) is { } earlier)
        {
            return await AnswerOfAsync(earlier, db, audit, id, lang, ct);
        }

        var clinicId = consultation.ClinicId ?? (await directory.GetDoctorByUserAsync(consultation.DoctorUserId!.Value, ct))?.ClinicIds.FirstOrDefault();
        var tests = codes.Select(code => BundledLabCatalogue.Find(code)!).Select(t => new OrderedTest(t.LoincCode, t.NameEn)).ToList();
        var order = db.Orders.Add(LabOrder.Place(id, consultation.PatientId, consultation.DoctorUserId!.Value, clinicId, tests, now)).Entity;
        if (await db.SaveCreatedAsync(claim.Value, order.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, db, audit, id, lang, ct);
        }

        return TypedResults.Created($"/api/v1/consultations/{id}/lab-orders/{order.Id}", LabViewMapper.Order(order, null, lang));
    }

    /// <summary>The answer to an earlier request with the same key: 201 with the order it placed, or its key's error (422).</summary>
    private static async Task<Results<Created<LabOrderView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, LabsDbContext db, AuditScope audit,
        Guid consultationId, string? lang, CancellationToken ct)
    {
        if (!earlier.IsSuccess)
        {
            return Problems.From(earlier.Error!);
        }

        // Should the order be gone, the retry gets 404: never a failure, and never a second order.
        if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == earlier.Value, ct) is not { } order)
        {
            return Problems.From(LabOrder.NotFound);
        }

        audit.RecordPhiAccess(AuditActions.PhiRead, LabOrder.AuditType, order.Id);
        var lab = order.PartnerLabId is { } labId ? (await db.PartnerLabs.AsNoTracking().SingleOrDefaultAsync(l => l.Id == labId, ct))?.Name : null;
        return TypedResults.Created($"/api/v1/consultations/{consultationId}/lab-orders/{order.Id}", LabViewMapper.Order(order, lab, lang));
    }

    public static async Task<Results<Ok<IReadOnlyList<LabOrderView>>, ProblemHttpResult>> ListAsync(Guid id, string? lang, IConsultationsModule consultations,
        LabsDbContext db, ICurrentUser user, AuditScope audit, CancellationToken ct)
    {
        var consultation = await consultations.GetConsultationAsync(id, ct);
        if (consultation is null || !user.IsInRole(Roles.Doctor) || consultation.DoctorUserId != user.RequireUserId())
        {
            if (consultation is not null)
            {
                audit.RecordDenied("Consultation", id, "not the consultation's doctor");
            }

            return Problems.From(LabOrder.NotFound);
        }

        var orders = await db.Orders.AsNoTracking().Where(o => o.ConsultationId == id).OrderByDescending(o => o.OrderedAt).ToListAsync(ct);
        var labs = await db.PartnerLabs.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        foreach (var order in orders)
        {
            audit.RecordPhiAccess(AuditActions.PhiRead, LabOrder.AuditType, order.Id);
        }

        return TypedResults.Ok<IReadOnlyList<LabOrderView>>([.. orders.Select(o => LabViewMapper.Order(o, o.PartnerLabId is { } l ? labs.GetValueOrDefault(l) : null, lang))]);
    }
}
