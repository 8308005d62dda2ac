using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Signing;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Protocols.Addenda;

/// <summary>The addendum's text (plain text, ≤ 20,000 characters).</summary>
public sealed record AddAddendumRequest(string? Text);

internal sealed class AddAddendumRequestValidator : AbstractValidator<AddAddendumRequest>
{
    public AddAddendumRequestValidator() => RuleFor(r => r.Text).MaximumLength(ProtocolRules.MaxSectionLength);
}

/// <summary>
/// POST /consultations/{id}/protocol/addenda: the consultation's doctor adds a signed addendum to the signed protocol (the
/// only way it changes). Errors: 404 <c>clinical.not_found</c>; 409 <c>clinical.protocol_not_signed</c>; 422
/// <c>clinical.empty_addendum</c>.
/// </summary>
internal static class AddAddendum
{
    public static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> EndpointAsync(Guid id, AddAddendumRequest request, ProtocolSubjects subjects,
        ClinicalDbContext db, IDocumentSignatureProvider signatures, IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var found = await subjects.FindForItsDoctorAsync(id, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var protocol = await db.Protocols.AsNoTracking().FirstOrDefaultAsync(p => p.ConsultationId == id, ct);
        var broken = (protocol is not { IsSigned: true } ? ProtocolRules.ProtocolNotSigned : null) ?? ProtocolRules.AnAddendumHasText(request.Text);
        if (broken is not null)
        {
            return Problems.From(broken);
        }

        var doctorName = (await directory.GetDoctorByUserAsync(protocol!.DoctorUserId, ct))?.DisplayName ?? "Doctor";
        // Whole microseconds: PostgreSQL keeps no finer, and the signed canonical form must read back the same.
        var now = clock.GetUtcNow().UtcDateTime;
        var addendum = new ProtocolAddendum
        {
            Id = Guid.CreateVersion7(), ProtocolId = protocol.Id, Text = request.Text!.Trim(), CreatedAt = now.AddTicks(-(now.Ticks % 10)), SignedBy = doctorName,
        };
        var signature = await signatures.SignAsync(protocol.DoctorUserId, doctorName, ProtocolCanonicalForm.Addendum(addendum, protocol.Signature!), ct);
        addendum.SigningCredentialId = signature.CredentialId;
        addendum.Signature = Convert.ToBase64String(signature.Cms);
        db.Addenda.Add(addendum);
        await db.SaveChangesAsync(ct);

        var addenda = await db.Addenda.AsNoTracking().Where(a => a.ProtocolId == protocol.Id).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(ProtocolViewMapper.Map(found.Value, protocol, addenda));
    }
}
