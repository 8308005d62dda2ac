using Telemed.BuildingBlocks.Exports;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.Modules.Billing.Claims;

/// <summary>
/// A claim as the clinic's administrator sees it: the visit's ids, the insurer and policy (PHI), the claimed amount in minor units, the
/// service date (UTC), the status (camelCase <see cref="ClaimStatus"/>) and the last note.
/// </summary>
public sealed record ClaimView(Guid Id, Guid PaymentId, Guid AppointmentId, Guid PatientId, Guid ClinicId, string Insurer, string PolicyNumber, long AmountMinor,
    string Currency, DateTime ServiceDate, string Status, string? Note, DateTime UpdatedAt);

/// <summary>A claim's next state (<c>submitted</c>, <c>accepted</c>, <c>rejected</c>, <c>paid</c>) and an optional note (≤ 500 characters, e.g. the insurer's reference or reason).</summary>
public sealed record ClaimStatusChange(string Status, string? Note);

internal sealed class ClaimStatusChangeValidator : AbstractValidator<ClaimStatusChange>
{
    public ClaimStatusChangeValidator()
    {
        RuleFor(r => r.Status).Must(s => ClaimStatusFilter.Parse(s) is { IsSuccess: true, Value: not null }).WithMessage("Use submitted, accepted, rejected or paid.");
        RuleFor(r => r.Note).MaximumLength(500);
    }
}

/// <summary>
/// The administrator's insurance claims (<c>/api/v1/admin/claims</c>): list, move through their states (audited), export as CSV and read
/// one as a FHIR R4 Claim. Every read is a PHI read (the interceptor audits each claim loaded).
/// </summary>
internal static class ClaimEndpoints
{
    private static readonly Error NotFound = new("billing.claim_not_found", "There is no such claim.", ErrorKind.NotFound);

    /// <summary>
    /// Claims newest first (by creation), 50 a page, optionally of one clinic, one status (<see cref="ClaimStatusFilter"/>) and a period of
    /// service dates [<paramref name="from"/>, <paramref name="to"/>) taken exactly as the export takes it (<see cref="Admin.BillingPeriod"/>:
    /// UTC instants, a date alone is its UTC midnight, a missing end is now, a missing start one day before the end); without both, every
    /// date. 400 <c>billing.invalid_claim_status</c>, 400 <c>billing.invalid_period</c>.
    /// </summary>
    public static async Task<Results<Ok<PagedResult<ClaimView>>, ProblemHttpResult>> ListAsync(string? status, Guid? clinicId, DateTime? from, DateTime? to,
        int? page, BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var wanted = ClaimStatusFilter.Parse(status);
        if (!wanted.IsSuccess)
        {
            return Problems.From(wanted.Error!);
        }

        var query = db.Claims.AsNoTracking();
        if (wanted.Value is { } parsed)
        {
            query = query.Where(c => c.Status == parsed);
        }

        if (clinicId is { } clinic)
        {
            query = query.Where(c => c.ClinicId == clinic);
        }

        if (from is not null || to is not null)
        {
            var period = Admin.BillingPeriod.Of(from, to, clock.GetUtcNow().UtcDateTime);
            if (!period.IsSuccess)
            {
                return Problems.From(period.Error!);
            }

            var (since, until) = (period.Value.From, period.Value.To);
            query = query.Where(c => c.ServiceDate >= since && c.ServiceDate < until);
        }

        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.CreatedAt).Skip(PageRequest.SkipOf(number, 50)).Take(50).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ClaimView>(items.Select(View).ToList(), total, number, 50));
    }

    /// <summary>Moves a claim on; 404 <c>billing.claim_not_found</c>, 409 <c>billing.claim_invalid_transition</c> / <c>billing.claim_changed</c>.</summary>
    public static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> ChangeStatusAsync(Guid id, ClaimStatusChange body, BillingDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return Problems.From(NotFound);
        }

        var moved = claim.MoveTo(Enum.Parse<ClaimStatus>(body.Status, ignoreCase: true), body.Note, clock.GetUtcNow().UtcDateTime);
        if (!moved.IsSuccess)
        {
            return Problems.From(moved.Error!);
        }

        // With the save: a move that loses to a concurrent one (409 claim_changed) leaves no status_changed entry.
        db.AuditWithNextSave("claim.status_changed", "InsuranceClaim", claim.Id.ToString(), InsuranceClaim.Name(claim.Status), claim.PatientId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.From(Error.Conflict("billing.claim_changed", "The claim changed meanwhile; reload and try again."));
        }

        return TypedResults.Ok(View(claim));
    }

    /// <summary>The claim as FHIR R4 JSON (<c>application/fhir+json</c>); 404 <c>billing.claim_not_found</c>.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> FhirAsync(Guid id, BillingDbContext db, CancellationToken ct)
    {
        var claim = await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return claim is null
            ? Problems.From(NotFound)
            : TypedResults.Content(JsonSerializer.Serialize(ClaimFhir.Map(claim), ClaimFhir.Json), "application/fhir+json");
    }

    /// <summary>
    /// Claims whose service date falls in [<paramref name="from"/>, <paramref name="to"/>) (UTC instants; <see cref="Admin.BillingPeriod"/>),
    /// optionally of one clinic and one status (<see cref="ClaimStatusFilter"/>), as RFC 4180 CSV (columns: claim_id, status,
    /// service_date, clinic_id, patient_id, insurer, policy_number, amount_minor, currency, appointment_id, payment_id, note); audited.
    /// 400 <c>billing.invalid_period</c> for an empty period or one over 366 days, 400 <c>billing.invalid_claim_status</c>.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(DateTime from, DateTime to, Guid? clinicId, string? status,
        BillingDbContext db, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var period = Admin.BillingPeriod.Of(from, to, clock.GetUtcNow().UtcDateTime);
        if (!period.IsSuccess)
        {
            return Problems.From(period.Error!);
        }

        var wanted = ClaimStatusFilter.Parse(status);
        if (!wanted.IsSuccess)
        {
            return Problems.From(wanted.Error!);
        }

        var (since, until) = (period.Value.From, period.Value.To);
        var query = db.Claims.AsNoTracking().Where(c => c.ServiceDate >= since && c.ServiceDate < until && (clinicId == null || c.ClinicId == clinicId));
        if (wanted.Value is { } only)
        {
            query = query.Where(c => c.Status == only);
        }

        var claims = await query.OrderBy(c => c.ServiceDate).ToListAsync(ct);
        await using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = SpreadsheetSafeCsv.Writer(buffer))
        {
            await csv.WriteRecordsAsync(claims.Select(c => new
            {
                claim_id = c.Id, status = InsuranceClaim.Name(c.Status), service_date = c.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                clinic_id = c.ClinicId, patient_id = c.PatientId, insurer = c.InsurerName, policy_number = c.PolicyNumber, amount_minor = c.AmountMinor,
                currency = c.Currency, appointment_id = c.AppointmentId, payment_id = c.PaymentId, note = c.Note ?? "",
            }), ct);
        }

        audit.Record("claim.exported", AuditOutcome.Success, "Clinic", clinicId?.ToString(), wanted.Value is { } filtered ? $"{claims.Count} {InsuranceClaim.Name(filtered)} claims" : $"{claims.Count} claims");
        return TypedResults.File(Encoding.UTF8.GetBytes(buffer.ToString()), "text/csv; charset=utf-8", $"claims-{since:yyyyMMdd}-{until:yyyyMMdd}.csv");
    }

    private static ClaimView View(InsuranceClaim c) => new(c.Id, c.PaymentId, c.AppointmentId, c.PatientId, c.ClinicId, c.InsurerName, c.PolicyNumber,
        c.AmountMinor, c.Currency, c.ServiceDate, InsuranceClaim.Name(c.Status), c.Note, c.UpdatedAt);
}
