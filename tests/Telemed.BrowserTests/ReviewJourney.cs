using System.Net;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 14 item 4 in the web app: a patient with a completed visit finds it among their visits, leaves a review (stars chosen
/// with the keyboard, words, the NPS question) and sees it on the doctor's profile with the average and count; an admin hides it
/// with a reason on the moderation page and it disappears from the public profile. At 375 px, axe-clean on each page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewJourney(BrowserFixture fixture)
{
    private const string Admin = "admin@demo.telemed.dev";
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task ReviewJourney_a_patient_reviews_a_completed_visit_it_shows_on_the_doctors_profile_and_an_admin_hides_it()
    {
        var email = await TestPatients.NewAsync(Host, "Review");
        var words = "Calm, thorough and clear " + Guid.NewGuid().ToString("N")[..6];
        Guid consultationId, doctorId;
        using (var patientApi = await Host.SignedInAsync(email))
        using (var doctorApi = await Host.SignedInAsync(DoctorEmail))
        {
            await (await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            consultationId = await OnDemandAsync(patientApi, "neurology", "video", Complaint(["head"], 3, "days", description: "Headache since Sunday"));
            await (await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await (await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
            doctorId = await DoctorIdAsync(doctorApi);
        }

        // The patient, on a phone: from their visits to the review form.
        var patient = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(patient, email);
        await patient.GotoAsync("/patient/appointments");
        var visit = patient.Locator($"[data-consultation-id='{consultationId}']");
        await visit.GetByRole(AriaRole.Link, new() { Name = "Leave a review" }).ClickAsync();
        var form = patient.GetByTestId("leave-review");
        await Expect(form.GetByRole(AriaRole.Heading, new() { Name = "Your review" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(patient);

        // Stars by keyboard: focus the first radio, arrow to the fourth.
        var stars = form.GetByRole(AriaRole.Group, new() { Name = "Your rating" });
        await stars.GetByRole(AriaRole.Radio, new() { Name = "1 out of 5 stars" }).FocusAsync();
        await patient.Keyboard.PressAsync("Space");
        for (var i = 0; i < 3; i++)
        {
            await patient.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(stars.GetByRole(AriaRole.Radio, new() { Name = "4 out of 5 stars" })).ToBeCheckedAsync();
        await form.GetByLabel("Your words (optional)").FillAsync(words);
        await form.GetByRole(AriaRole.Group, new() { Name = "How likely are you to recommend this doctor to a friend or colleague?" })
            .GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Send review" }).ClickAsync();
        await Expect(patient.GetByText("Thank you for your review!")).ToBeVisibleAsync();
        var mine = patient.GetByTestId("my-review");
        await Expect(mine).ToContainTextAsync(words);
        await Expect(mine).ToContainTextAsync("Would recommend: 9 of 10");
        await Axe.AssertCleanAsync(patient);

        // On the doctor's public profile (signed out): the review as from a verified patient, with the average and count.
        var visitor = await fixture.NewPageAsync(width: 375, height: 812);
        await visitor.GotoAsync($"/doctors/{doctorId}");
        var reviews = visitor.GetByTestId("doctor-reviews");
        var item = reviews.Locator("li").Filter(new() { HasText = words });
        await Expect(item).ToBeVisibleAsync();
        await Expect(item).ToContainTextAsync("Verified patient");
        await Expect(item.GetByRole(AriaRole.Img, new() { Name = "4 out of 5 stars" })).ToBeVisibleAsync();
        await Expect(reviews.GetByTestId("reviews-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d\.\d of 5"));
        await Expect(reviews.GetByTestId("reviews-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ reviews?"));
        (await reviews.InnerTextAsync()).ShouldNotContain("Review Patient");
        await Axe.AssertCleanAsync(visitor);

        // The admin hides it from the moderation page (linked from the admin navigation), with a reason.
        var admin = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(admin, Admin, Host);
        await admin.GotoAsync("/admin");
        var nav = admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Reviews", Level = 1 })).ToBeVisibleAsync();
        var moderated = admin.GetByTestId("admin-reviews").Locator("li").Filter(new() { HasText = words });
        await Expect(moderated).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(admin);
        await moderated.GetByRole(AriaRole.Button, new() { Name = "Hide", Exact = true }).ClickAsync();
        await moderated.GetByLabel("Why hide it (kept in the audit trail)").FillAsync("Test of moderation");
        await moderated.GetByRole(AriaRole.Button, new() { Name = "Hide review" }).ClickAsync();
        await Expect(moderated).ToContainTextAsync("Test of moderation");
        await Expect(moderated.GetByRole(AriaRole.Button, new() { Name = "Show again" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(admin);

        // Gone from the public profile at once.
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("doctor-reviews")).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("doctor-reviews").GetByText(words)).ToHaveCountAsync(0);
    }
}
