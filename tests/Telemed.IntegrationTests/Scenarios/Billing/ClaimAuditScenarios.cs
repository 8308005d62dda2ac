using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Billing.Claims;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Billing;

/// <summary>
/// A claim's status changes as the clinic's auditor reads them: a change refused because the claim changed meanwhile (409
/// <c>billing.claim_changed</c>) leaves no <c>claim.status_changed</c> success, so the trail never says a claim was accepted that
/// was rejected.
/// </summary>
public abstract class ClaimAuditScenarios(TelemedHost host)
{
    /// <summary>A draft claim of its own, stored as the paid-visit handler stores one.</summary>
    private async Task<Guid> DraftClaimAsync()
    {
        var claim = (InsuranceClaim)Activator.CreateInstance(typeof(InsuranceClaim), nonPublic: true)!;
        var now = DateTime.UtcNow;
        void Set(string property, object value) => typeof(InsuranceClaim).GetProperty(property)!.SetValue(claim, value);
        Set(nameof(InsuranceClaim.Id), Guid.NewGuid());
        Set(nameof(InsuranceClaim.PaymentId), Guid.NewGuid());
        Set(nameof(InsuranceClaim.AppointmentId), Guid.NewGuid());
        Set(nameof(InsuranceClaim.PatientId), Guid.NewGuid());
        Set(nameof(InsuranceClaim.ClinicId), Guid.NewGuid());
        Set(nameof(InsuranceClaim.DoctorUserId), Guid.NewGuid());
        Set(nameof(InsuranceClaim.Kind), "visit");
        Set(nameof(InsuranceClaim.InsurerName), "Ingosstrakh-M");
        Set(nameof(InsuranceClaim.PolicyNumber), "7750 0001 2345 6702");
        Set(nameof(InsuranceClaim.AmountMinor), 250_000L);
        Set(nameof(InsuranceClaim.Currency), "RUB");
        Set(nameof(InsuranceClaim.ServiceDate), now.AddDays(-1));
        Set(nameof(InsuranceClaim.Status), ClaimStatus.Draft);
        Set(nameof(InsuranceClaim.CreatedAt), now);
        Set(nameof(InsuranceClaim.UpdatedAt), now);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        return claim.Id;
    }

    [Fact]
    public async Task Given_a_submitted_claim_When_accepting_it_loses_to_a_concurrent_change_and_it_is_rejected_Then_the_trail_has_only_the_changes_that_were_saved()
    {
        var claimId = await DraftClaimAsync();
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        await (await admin.PostAsync($"/api/v1/admin/claims/{claimId}/status", new { status = "submitted" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Another administrator's change lands between this request's read and its save, every time: 409, nothing saved.
        var raw = new RawDatabase(host);
        await using (await ForcedConflict.OnUpdateAsync(raw, raw.Table("billing", "claims"), "Id", claimId))
        {
            var accepted = await admin.PostAsync($"/api/v1/admin/claims/{claimId}/status", new { status = "accepted", note = "Insurer ref A-1" });
            accepted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await accepted.ProblemCodeAsync()).ShouldBe("billing.claim_changed");
        }

        await (await admin.PostAsync($"/api/v1/admin/claims/{claimId}/status", new { status = "rejected" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=claim.status_changed&recordId={claimId}&outcome=success&pageSize=50");
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).OrderBy(r => r).ShouldBe(["rejected", "submitted"]);
    }
}

[Collection("billing-sqlite")]
public sealed class ClaimAuditScenariosOnSqlite(BillingSqliteHost host) : ClaimAuditScenarios(host);

[Collection("billing-postgres")]
public sealed class ClaimAuditScenariosOnPostgres(BillingPostgresHost host) : ClaimAuditScenarios(host);
