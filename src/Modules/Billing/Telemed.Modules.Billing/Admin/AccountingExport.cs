using Telemed.BuildingBlocks.Exports;
using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;

namespace Telemed.Modules.Billing.Admin;

/// <summary>
/// One line of the accounting export (docs/billing.md, "Accounting export"): a movement of money the clinic's ERP books.
/// <c>type</c> is <c>payment</c> (a visit's capture), <c>fee</c> (a late-cancellation or no-show fee) or <c>refund</c>; amounts are
/// positive minor units of <c>currency</c>; <c>receipt_number</c> is the receipt the money belongs to (empty until issued).
/// </summary>
public sealed record AccountingLine(DateTime date_utc, Guid clinic_id, string type, string receipt_number, Guid payment_id, Guid appointment_id,
    long amount_minor, string currency, string reason, string gateway_reference);

/// <summary>
/// <c>GET /api/v1/admin/billing/accounting-export?from&amp;to&amp;clinicId</c>: payments, fees and refunds of a UTC period as RFC 4180 CSV
/// (UTF-8, header row, CsvHelper), oldest first; no patient data. 400 <c>billing.invalid_period</c> for a period that is empty or over
/// 366 days. Every export is audited.
/// </summary>
internal static class AccountingExport
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(DateTime from, DateTime to, Guid? clinicId, BillingDbContext db,
        AuditScope audit, CancellationToken ct)
    {
        var period = BillingPeriod.Of(from, to, DateTime.UtcNow);
        if (!period.IsSuccess)
        {
            return Problems.From(period.Error!);
        }

        var (since, until) = (period.Value.From, period.Value.To);
        var movements = db.PaymentMovements.AsNoTracking().Where(m => m.At >= since && m.At < until && (m.Type == "captured" || m.Type == "refunded"));
        if (clinicId is { } clinic)
        {
            movements = movements.Where(m => m.ClinicId == clinic);
        }

        var rows = await (from m in movements
                          join p in db.Payments.AsNoTracking() on m.PaymentId equals p.Id
                          join r in db.Receipts.AsNoTracking() on m.PaymentId equals r.PaymentId into receipts
                          from r in receipts.DefaultIfEmpty()
                          select new { m, p.AppointmentId, Year = (int?)r.Year, Number = (int?)r.Number }).ToListAsync(ct);
        var lines = rows.OrderBy(x => x.m.At).ThenBy(x => x.m.Id).Select(x => new AccountingLine(x.m.At, x.m.ClinicId, TypeOf(x.m), x.Year is { } year
                ? $"{year}-{x.Number:000000}"
                : "", x.m.PaymentId, x.AppointmentId, x.m.AmountMinor, x.m.Currency, x.m.Reason, x.m.GatewayReference ?? ""));

        await using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = SpreadsheetSafeCsv.Writer(buffer))
        {
            csv.Context.TypeConverterOptionsCache.GetOptions<DateTime>().Formats = ["yyyy-MM-ddTHH:mm:ssZ"];
            await csv.WriteRecordsAsync(lines, ct);
        }

        audit.Record("billing.accounting_exported", AuditOutcome.Success, "Clinic", clinicId?.ToString(), $"{since:O}..{until:O}");
        return TypedResults.File(Encoding.UTF8.GetBytes(buffer.ToString()), "text/csv; charset=utf-8", $"accounting-{since:yyyyMMdd}-{until:yyyyMMdd}.csv");
    }

    private static string TypeOf(PaymentMovement m) => m.Type == "refunded"
        ? "refund"
        : m.Reason is SettlementReasons.LateCancellationFee or SettlementReasons.NoShowFee ? "fee" : "payment";
}
