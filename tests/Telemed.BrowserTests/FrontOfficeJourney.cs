using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Issue 11, front desk: a walk-in patient registered at the desk, messaged by the clinic, and a doctor asked to review the record.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FrontOfficeJourney(BrowserFixture fixture)
{
    [Fact]
    public async Task The_desk_registers_a_walk_in_writes_to_them_and_asks_a_doctor_to_review_and_each_sees_it_in_their_portal()
    {
        var email = $"walkin-{Guid.NewGuid():N}@example.test";
        var family = "Walkin" + new string(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + c % 26)).ToArray());

        // The front desk, on a phone-sized screen.
        var desk = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(desk, "frontdesk@demo.telemed.dev", fixture.Host);
        await desk.GotoAsync("/front-desk/patients/new");
        await desk.GetByLabel("Given name").FillAsync("Vera");
        await desk.GetByLabel("Family name").FillAsync(family);
        await desk.GetByLabel("Date of birth").FillAsync("1979-02-11");
        await desk.GetByLabel("Sex").SelectOptionAsync("female");
        await desk.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await desk.GetByLabel("Phone (optional)").FillAsync("+7 913 555 77 66");
        await desk.GetByLabel("Language of e-mails").SelectOptionAsync("en");
        await Axe.AssertCleanAsync(desk);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();

        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = $"Vera {family}", Level = 1 })).ToBeVisibleAsync();
        await Expect(desk.GetByText("The patient is registered")).ToBeVisibleAsync();
        var thread = desk.GetByRole(AriaRole.Region, new() { Name = "Messages with the patient" });
        await thread.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Please bring your discharge summary on Friday.");
        await thread.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(thread.GetByText("Please bring your discharge summary on Friday.")).ToBeVisibleAsync();

        var requests = desk.GetByRole(AriaRole.Region, new() { Name = "Review requests" });
        await requests.GetByLabel("Doctor", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Anna Petrova" });
        await requests.GetByLabel("What should the doctor look at?").FillAsync("Brought an outside ECG");
        await requests.GetByRole(AriaRole.Button, new() { Name = "Ask for a review" }).ClickAsync();
        await Expect(requests.GetByText("The doctor has been asked.")).ToBeVisibleAsync();
        await Expect(requests.GetByText("Brought an outside ECG")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(desk);

        // The patient chooses a password from the welcome e-mail and reads the clinic's message.
        var link = await ApiClient.LatestLinkAsync(fixture.Host, email, "/reset-password?token=");
        var patient = await fixture.NewPageAsync(width: 375, height: 812);
        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await patient.GetByLabel("New password").FillAsync("a long walk-in password");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex("password", RegexOptions.IgnoreCase));
        await patient.GotoAsync("/sign-in");
        await patient.GetByLabel("E-mail").FillAsync(email);
        await patient.GetByLabel("Password").FillAsync("a long walk-in password");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(patient).ToHaveURLAsync(new Regex("/patient"));
        await patient.GotoAsync("/patient/clinic-messages");
        await Expect(patient.GetByText("Please bring your discharge summary on Friday.")).ToBeVisibleAsync();
        await Expect(patient.GetByText("1 new message")).ToBeVisibleAsync();
        await patient.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("I will bring it.");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(patient.GetByText("I will bring it.")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(patient);

        // The doctor finds the request in the task list, opens the record, and resolves it.
        var doctor = await fixture.NewPageAsync();
        await BrowserSignIn.SignInAsync(doctor, "anna.petrova@demo.telemed.dev", fixture.Host);
        await doctor.GotoAsync("/doctor/review-requests");
        var task = doctor.GetByRole(AriaRole.Article, new() { Name = $"Vera {family}" });
        await Expect(task.GetByText("Brought an outside ECG")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(doctor);
        await task.GetByLabel("Answer (optional)").FillAsync("Reviewed: normal");
        await task.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(task).ToHaveCountAsync(0);
        await Expect(doctor.GetByRole(AriaRole.Heading, new() { Name = "Resolved earlier" })).ToBeVisibleAsync();

        // The desk sees the reply and the resolution.
        await desk.ReloadAsync();
        await Expect(desk.GetByText("I will bring it.")).ToBeVisibleAsync();
        await Expect(desk.GetByText(new Regex("Reviewed: normal"))).ToBeVisibleAsync();
    }
}
