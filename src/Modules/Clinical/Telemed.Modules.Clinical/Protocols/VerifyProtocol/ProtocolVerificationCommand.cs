using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.Modules.Clinical.Protocols.VerifyProtocol;

/// <summary>
/// The operator's check of one signed visit protocol (<c>clinical verify &lt;consultationId&gt;</c>): the same checks as
/// GET .../protocol/verification, without a signed-in doctor, reading only. It prints the signer, the signing time (UTC),
/// the certificate status and valid/invalid for the protocol and each addendum — never the document's content.
/// </summary>
public static class ProtocolVerificationCommand
{
    /// <summary>Everything verified.</summary>
    public const int Valid = 0;

    /// <summary>At least one signature is invalid or its document was changed.</summary>
    public const int Invalid = 1;

    /// <summary>No signed protocol for that consultation id (or the id is not a GUID).</summary>
    public const int NotSigned = 2;

    /// <summary>Runs the check and writes a line per signature to <paramref name="output"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string consultationIdText, TextWriter output, CancellationToken ct = default)
    {
        if (!Guid.TryParse(consultationIdText, out var consultationId))
        {
            await output.WriteLineAsync("Usage: clinical verify <consultationId>");
            return NotSigned;
        }

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicalDbContext>();
        var state = await db.Protocols.AsNoTracking().Where(p => p.ConsultationId == consultationId)
            .Select(p => new { p.Id, p.Status, p.Signature }).FirstOrDefaultAsync(ct);
        if (state is not { Status: "signed", Signature: { } signature })
        {
            await output.WriteLineAsync($"No signed protocol for consultation {consultationId}.");
            return NotSigned;
        }

        var report = await VerifyProtocol.CheckAsync(consultationId, state.Id, signature, db,
            scope.ServiceProvider.GetRequiredService<IDocumentSignatureProvider>(), ct);
        await output.WriteLineAsync(Line("Protocol", report.Protocol));
        foreach (var addendum in report.Addenda)
        {
            await output.WriteLineAsync(Line($"Addendum {addendum.AddendumId}", addendum.Check));
        }

        var allValid = report.Protocol.Valid && report.Addenda.All(a => a.Check.Valid);
        await output.WriteLineAsync(allValid ? "VALID" : "INVALID");
        return allValid ? Valid : Invalid;
    }

    private static string Line(string what, SignatureCheck check) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {(check.Valid ? "valid" : "INVALID")}; signer {check.SignerName ?? "unknown"}; signed at {check.SignedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "unknown"}; "
        + $"certificate {check.CertificateStatus}{(check.CertificateSerial is null ? "" : $" (serial {check.CertificateSerial})")}; "
        + $"document {(check.DocumentIntact ? "intact" : "CHANGED")}{(check.Problem is null ? "" : $"; {check.Problem}")}");
}
