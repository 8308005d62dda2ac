using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
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
/// <c>clinical.empty_addendum</c>. With an <c>Idempotency-Key</c>, a retry answers as the first request did and adds no second
/// addendum (an addendum is signed and permanent); 422 <c>idempotency.key_reused</c> for the key with another text.
/// </summary>
internal static class AddAddendum
{
    /// <summary>The <c>Idempotency-Key</c> operation of an addendum (docs/api-v1.md, "Retrying a create").</summary>
    public const string Operation = "clinical.add_addendum";

    public static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> EndpointAsync(Guid id, AddAddendumRequest request, ProtocolSubjects subjects,
        ClinicalDbContext db, IDocumentSignatureProvider signatures, IDirectoryModule directory, HttpRequest http, TimeProvider clock, CancellationToken ct)
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

        // Whole microseconds: PostgreSQL keeps no finer, and the signed canonical form must read back the same.
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = await db.ClaimAsync(http, protocol!.DoctorUserId, Operation, new { id, Text = request.Text!.Trim() }, now, ct);
        if (claim.Answer is { } earlier)
        {
            return await AnswerAsync(earlier, found.Value, protocol, db, ct);
        }

        var doctorName = (await directory.GetDoctorByUserAsync(protocol.DoctorUserId, ct))?.DisplayName ?? "Doctor";
        var addendum = new ProtocolAddendum
        {
            Id = Guid.CreateVersion7(), ProtocolId = protocol.Id, Text = request.Text!.Trim(), CreatedAt = now.AddTicks(-(now.Ticks % 10)), SignedBy = doctorName,
        };
        var signature = await signatures.SignAsync(protocol.DoctorUserId, doctorName, ProtocolCanonicalForm.Addendum(addendum, protocol.Signature!), ct);
        addendum.SigningCredentialId = signature.CredentialId;
        addendum.Signature = Convert.ToBase64String(signature.Cms);
        db.Addenda.Add(addendum);
        if (await db.SaveCreatedAsync(claim.Key, addendum.Id, ct) is { } raced)
        {
            return await AnswerAsync(raced, found.Value, protocol, db, ct);
        }

        return await AnswerAsync(addendum.Id, found.Value, protocol, db, ct);
    }

    /// <summary>The protocol with every addendum, as it is now; or the key's error (422) for a key used with another text.</summary>
    private static async Task<Results<Ok<ProtocolView>, ProblemHttpResult>> AnswerAsync(Result<Guid> added, ProtocolSubject subject, VisitProtocol protocol,
        ClinicalDbContext db, CancellationToken ct)
    {
        if (!added.IsSuccess)
        {
            return Problems.From(added.Error!);
        }

        var addenda = await db.Addenda.AsNoTracking().Where(a => a.ProtocolId == protocol.Id).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(ProtocolViewMapper.Map(subject, protocol, addenda));
    }
}
