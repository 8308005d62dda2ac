using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Feedback.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Feedback;

/// <summary>
/// Reviews and NPS (issue 14 item 4, docs/feedback.md): after a completed visit its patient leaves one review that shows on the
/// doctor's public profile with average and count; nobody else may; admins hide (audited, with the reason) and show it again.
/// </summary>
public abstract class ReviewScenarios(TelemedHost host)
{
    private const string Admin = "admin@demo.telemed.dev";

    /// <summary>A patient account and profile of the test's own, so reviews of other tests do not get in the way.</summary>
    private async Task<string> NewPatientAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"review-{tag}@example.test";
        using var scope = host.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Review Patient {tag}", ["Patient"]));
        await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Review", $"Patient{tag}",
            new DateOnly(1985, 5, 5), "male", email, "+7 900 222 3344", "Arbat 1, Moscow", "en", "Acme", "P-1", [], []));
        return email;
    }

    /// <summary>A visit of a new patient with the neurologist, accepted but not ended yet: (patient, doctor, consultation id).</summary>
    private async Task<(ApiClient Patient, ApiClient Doctor, Guid ConsultationId)> VisitAsync() =>
        await PrescriptionSteps.AcceptedOnDemandAsync(host, await NewPatientAsync(), "Headache since Monday");

    private async Task<JsonElement> PublicReviewsAsync(Guid doctorId)
    {
        using var anonymous = host.CreateApiClient();
        var answer = await anonymous.GetAsync($"/api/v1/doctors/{doctorId}/reviews?pageSize=100");
        await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    /// <summary>The trail's entries of one action on one record; written as the request ends, so look a few times.</summary>
    private async Task<List<JsonElement>> AuditAsync(string action, Guid recordId)
    {
        using var admin = await host.SignedInAsync(Admin);
        for (var attempt = 0; ; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action={action}&recordId={recordId}&pageSize=50");
            var items = page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            if (items.Count > 0 || attempt == 20)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Given_a_completed_visit_When_its_patient_reviews_it_Then_the_review_shows_on_the_doctors_profile_with_average_and_count_and_a_second_one_is_refused()
    {
        var (patient, doctor, consultationId) = await VisitAsync();
        using var _ = patient;
        using var __ = doctor;
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);

        var early = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 5, text = "Too early", nps = 10 });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.ProblemCodeAsync()).ShouldBe("feedback.visit_not_completed");
        await PrescriptionSteps.EndAsync(doctor, consultationId);

        (await patient.GetAsync($"/api/v1/consultations/{consultationId}/review")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var before = await PublicReviewsAsync(doctorId);
        var left = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 4, text = "Listened carefully and explained the plan.", nps = 9 });
        await left.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var review = await left.Content.ReadFromJsonAsync<JsonElement>();
        var reviewId = review.GetProperty("id").GetGuid();
        review.GetProperty("stars").GetInt32().ShouldBe(4);
        review.GetProperty("nps").GetInt32().ShouldBe(9);

        var mine = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/review");
        mine.GetProperty("id").GetGuid().ShouldBe(reviewId);
        mine.GetProperty("text").GetString().ShouldBe("Listened carefully and explained the plan.");

        var after = await PublicReviewsAsync(doctorId);
        after.GetProperty("count").GetInt32().ShouldBe(before.GetProperty("count").GetInt32() + 1);
        var items = after.GetProperty("items").EnumerateArray().ToList();
        items[0].GetProperty("id").GetGuid().ShouldBe(reviewId);
        items[0].GetProperty("text").GetString().ShouldBe("Listened carefully and explained the plan.");
        items[0].GetProperty("date").GetString().ShouldBe(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // Nothing about who wrote it leaves: only id, stars, text and day.
        items[0].EnumerateObject().Select(p => p.Name).ShouldBe(["id", "stars", "text", "date"], ignoreOrder: true);
        var expected = Math.Round(items.Average(i => (decimal)i.GetProperty("stars").GetInt32()), 1, MidpointRounding.AwayFromZero);
        after.GetProperty("average").GetDecimal().ShouldBe(expected);

        var twice = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 1, text = "Again", nps = 0 });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.ProblemCodeAsync()).ShouldBe("feedback.review_exists");
        (await PublicReviewsAsync(doctorId)).GetProperty("count").GetInt32().ShouldBe(after.GetProperty("count").GetInt32());

        using var scope = host.Services.CreateScope();
        var doctorUserId = (await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId))).Single().UserId;
        var nps = await scope.ServiceProvider.GetRequiredService<IFeedbackFigures>().NpsOfDoctorAsync(doctorUserId);
        nps.Promoters.ShouldBeGreaterThanOrEqualTo(1);
        nps.Score.ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_a_completed_visit_When_another_patient_its_doctor_or_an_admin_reviews_it_Then_404_and_the_refusal_is_audited()
    {
        var email = await NewPatientAsync();
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, email, "Headache since Monday");
        using var _ = patient;
        using var __ = doctor;
        await PrescriptionSteps.EndAsync(doctor, consultationId);
        var body = new { stars = 1, text = "Not mine to write", nps = 0 };

        using var stranger = await host.SignedInAsync(await NewPatientAsync());
        using var admin = await host.SignedInAsync(Admin);
        foreach (var other in new[] { stranger, doctor, admin })
        {
            var refused = await other.PostAsync($"/api/v1/consultations/{consultationId}/review", body);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await refused.ProblemCodeAsync()).ShouldBe("feedback.consultation_not_found");
            (await other.GetAsync($"/api/v1/consultations/{consultationId}/review")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var unknown = await patient.PostAsync($"/api/v1/consultations/{Guid.NewGuid()}/review", body);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await patient.GetAsync($"/api/v1/consultations/{consultationId}/review")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await AuditAsync("feedback.review_refused", consultationId)).Count.ShouldBeGreaterThanOrEqualTo(3);

        // Out-of-range answers are a 400 with field errors, never a 5xx.
        var bad = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 6, text = "x", nps = 11 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ProblemCodeAsync()).ShouldBe("validation.failed");
        var tooLong = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 3, text = new string('a', 2001), nps = (int?)null });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Skipping the NPS question is allowed. Two tabs sending at once: one review, and the other is told it exists.
        using var secondTab = await host.SignedInAsync(email);
        var both = await Task.WhenAll(
            patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 3, text = "", nps = (int?)null }),
            secondTab.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 3, text = "", nps = (int?)null }));
        both.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict], ignoreOrder: true);
        var skipped = both.Single(r => r.StatusCode == HttpStatusCode.Created);
        (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nps").ValueKind.ShouldBe(JsonValueKind.Null);
        (await both.Single(r => r.StatusCode == HttpStatusCode.Conflict).ProblemCodeAsync()).ShouldBe("feedback.review_exists");
    }

    [Fact]
    public async Task Given_a_visible_review_When_an_admin_hides_it_with_a_reason_Then_it_leaves_the_public_list_at_once_with_an_audit_entry_and_showing_it_brings_it_back()
    {
        var (patient, doctor, consultationId) = await VisitAsync();
        using var _ = patient;
        using var __ = doctor;
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        await PrescriptionSteps.EndAsync(doctor, consultationId);
        var left = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 1, text = "Rude words here", nps = 2 });
        await left.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var reviewId = (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var shown = await PublicReviewsAsync(doctorId);
        Ids(shown).ShouldContain(reviewId);

        (await patient.PostAsync($"/api/v1/admin/reviews/{reviewId}/hide", new { reason = "Abusive language" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await doctor.GetAsync("/api/v1/admin/reviews")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var admin = await host.SignedInAsync(Admin);
        var listed = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/reviews?hidden=false&doctorId={doctorId}&pageSize=100");
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(reviewId);
        (await admin.PostAsync($"/api/v1/admin/reviews/{reviewId}/hide", new { reason = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var hid = await admin.PostAsync($"/api/v1/admin/reviews/{reviewId}/hide", new { reason = "Abusive language" });
        await hid.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var hidden = await hid.Content.ReadFromJsonAsync<JsonElement>();
        hidden.GetProperty("hidden").GetBoolean().ShouldBeTrue();
        hidden.GetProperty("hiddenReason").GetString().ShouldBe("Abusive language");
        var again = await admin.PostAsync($"/api/v1/admin/reviews/{reviewId}/hide", new { reason = "Twice" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("feedback.review_already_hidden");

        var gone = await PublicReviewsAsync(doctorId);
        Ids(gone).ShouldNotContain(reviewId);
        gone.GetProperty("count").GetInt32().ShouldBe(shown.GetProperty("count").GetInt32() - 1);
        var entry = (await AuditAsync("feedback.review_hidden", reviewId)).ShouldHaveSingleItem();
        entry.GetProperty("reason").GetString().ShouldBe("Abusive language");
        entry.GetProperty("outcome").GetString()!.ToLowerInvariant().ShouldBe("success");
        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/reviews?hidden=true&pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()).ShouldContain(reviewId);
        // The author still sees their own review, marked hidden.
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/review")).GetProperty("hidden").GetBoolean().ShouldBeTrue();

        var showed = await admin.PostAsync($"/api/v1/admin/reviews/{reviewId}/show");
        await showed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Ids(await PublicReviewsAsync(doctorId)).ShouldContain(reviewId);
        var shownEntry = (await AuditAsync("feedback.review_shown", reviewId)).ShouldHaveSingleItem();
        shownEntry.GetProperty("reason").GetString()!.ShouldContain("Abusive language");
        // The system's words have a code for the admin's screen; the moderator's own words stay as typed, beside it.
        shownEntry.GetProperty("reasonCode").GetString().ShouldBe("was_hidden");
        shownEntry.GetProperty("reasonArguments").GetProperty("text").GetString().ShouldBe("Abusive language");
        (await admin.PostAsync($"/api/v1/admin/reviews/{reviewId}/show")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PostAsync($"/api/v1/admin/reviews/{Guid.NewGuid()}/hide", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var anonymous = host.CreateApiClient();
        (await anonymous.GetAsync($"/api/v1/doctors/{Guid.NewGuid()}/reviews")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_a_review_and_a_hide_refused_because_another_request_got_there_first_Then_the_trail_has_no_success_for_them()
    {
        var (patient, doctor, consultationId) = await VisitAsync();
        using var _ = patient;
        using var __ = doctor;
        await PrescriptionSteps.EndAsync(doctor, consultationId);
        var patientUserId = (await patient.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
        var raw = new RawDatabase(host);
        var reviews = raw.Table("feedback", "reviews");
        var body = new { stars = 4, text = "Helpful", nps = 8 };

        // Another tab's review of the visit is inserted after this request checked for one: the unique index refuses it (409), as
        // it refuses the losers of a three-way race; each refusal happens every time, not by luck of timing.
        await using (await ForcedConflict.OnInsertAsync(raw, reviews, "ConsultationId", consultationId))
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var refused = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", body);
                refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
                (await refused.ProblemCodeAsync()).ShouldBe("feedback.review_exists");
            }
        }

        var left = await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", body);
        await left.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var reviewId = (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // The auditor finds one review left by this patient, the one that exists; none naming a review that never was.
        (await SuccessesAsync($"action=feedback.review_left&actorId={patientUserId}")).Select(e => e.GetProperty("recordId").GetString())
            .ShouldBe([reviewId.ToString()]);

        // A second admin's hide lands between this one's read and its save: 409 review_changed, and no hidden entry for it.
        using var admin = await host.SignedInAsync(Admin);
        await using (await ForcedConflict.OnUpdateAsync(raw, reviews, "Id", reviewId))
        {
            var refused = await admin.PostAsync($"/api/v1/admin/reviews/{reviewId}/hide", new { reason = "Spam" });
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ProblemCodeAsync()).ShouldBe("feedback.review_changed");
        }

        (await SuccessesAsync($"action=feedback.review_hidden&recordId={reviewId}")).ShouldBeEmpty();
        await (await admin.PostAsync($"/api/v1/admin/reviews/{reviewId}/hide", new { reason = "Spam" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await SuccessesAsync($"action=feedback.review_hidden&recordId={reviewId}")).Count.ShouldBe(1);
    }

    /// <summary>The trail's success entries matching <paramref name="filter"/>; a request's entries are written before its answer starts.</summary>
    private async Task<List<JsonElement>> SuccessesAsync(string filter)
    {
        using var admin = await host.SignedInAsync(Admin);
        var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?{filter}&outcome=success&pageSize=50");
        return [.. page.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task Given_a_review_When_the_database_is_read_directly_Then_its_text_and_the_hiding_reason_are_not_in_plaintext()
    {
        var (patient, doctor, consultationId) = await VisitAsync();
        using var _ = patient;
        using var __ = doctor;
        await PrescriptionSteps.EndAsync(doctor, consultationId);
        const string words = "Migraine-aura-secret-words";
        await (await patient.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 5, text = words, nps = 10 })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var rows = string.Join("\n", await RawDatabase.RowsAsync(connection, $"SELECT * FROM {raw.Table("feedback", "reviews")}"));
        rows.ShouldNotContain(words);
    }
}

[Collection("clinical-sqlite")]
public sealed class ReviewScenariosOnSqlite(ClinicalSqliteHost host) : ReviewScenarios(host);

[Collection("clinical-postgres")]
public sealed class ReviewScenariosOnPostgres(ClinicalPostgresHost host) : ReviewScenarios(host);
