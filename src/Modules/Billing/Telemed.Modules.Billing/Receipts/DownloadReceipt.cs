using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Billing.Receipts;

/// <summary>
/// <c>GET /api/v1/payments/{id}/receipt</c>: the numbered receipt PDF of a payment that took money (captured, partly or fully
/// refunded), in the caller's language (<c>?language=ru|en</c>, which the web app adds to its download link, else <c>Accept-Language</c>;
/// the clinic named in it too). The payer (patient or guardian) and administrators only; it names
/// the patient, so every download is audited as a PHI read. Errors: 404 <c>billing.payment_not_found</c>, 409 <c>billing.no_receipt</c>
/// (nothing was charged).
/// </summary>
internal static class DownloadReceipt
{
    private static readonly Error NoReceipt = Error.Conflict("billing.no_receipt", "Nothing was charged for this visit, so there is no receipt.");

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(Guid id, string? language, HttpRequest request, BillingDbContext db, PaymentAccess access,
        ICurrentUser user, ReceiptNumbers numbers, IDirectoryModule directory, AuditScope audit, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.Movements).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null)
        {
            return Problems.From(PaymentErrors.NotFound);
        }

        var visibility = await access.VisibilityAsync(payment.PatientId, payment.Id, ct);
        if (visibility != PaymentVisibility.Payer && !user.IsInRole(Roles.Admin))
        {
            if (visibility == PaymentVisibility.StatusOnly)
            {
                audit.RecordDenied("Payment", payment.Id, "front desk sees payment status, not receipts");
            }

            return Problems.From(PaymentErrors.NotFound);
        }

        if (payment.CapturedMinor <= 0)
        {
            return Problems.From(NoReceipt);
        }

        var receipt = await numbers.EnsureAsync(payment, ct);
        var clinic = (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == payment.ClinicId);
        var patient = (await directory.GetPatientNamesAsync([payment.PatientId], ct)).GetValueOrDefault(payment.PatientId, "");
        var doctor = (await directory.GetDoctorNamesByUserAsync([payment.DoctorUserId], ct)).GetValueOrDefault(payment.DoctorUserId, "");
        var reader = ReaderLanguage.Of(language, request);
        var pdf = ReceiptPdf.Render(new ReceiptModel(clinic?.NameIn(reader) ?? "", clinic?.CityIn(reader) ?? "", clinic?.TimeZone ?? "UTC", receipt.Display, receipt.IssuedAt, patient,
            doctor, payment.Kind, payment.VisitStart, payment.BilledMinutes, payment.CapturedMinor, payment.RefundedMinor, payment.Currency,
            ChargedFor(payment), RefundReasons(payment), payment.CardBrand, payment.CardLast4, reader));
        audit.RecordPhiAccess("payment.receipt_downloaded", "Payment", payment.Id, payment.PatientId);
        return TypedResults.File(pdf, "application/pdf", $"receipt-{receipt.Display}.pdf");
    }

    /// <summary>
    /// What the receipt says the money was taken for: the payment's settlement reason (the visit, a late-cancellation or no-show fee),
    /// which refunds leave as it is (migration 0009 restored it on payments an earlier version had refunded), as the payer's view says.
    /// </summary>
    internal static string ChargedFor(Payment payment) => payment.SettlementReason ?? SettlementReasons.Visit;

    /// <summary>Why money went back, from the ledger, each reason once in the order of the refunds (an administrator's, the clinic's automatic one).</summary>
    internal static IReadOnlyList<string> RefundReasons(Payment payment) => [.. payment.RefundMovements().Select(m => m.Reason).Distinct()];
}
