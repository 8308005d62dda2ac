using System.Net;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Privacy;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// Every list filtered by a closed set of values refuses a value outside it. Erasure requests answered <c>?status=bogus</c> with
/// an empty list and a doctor's lab results answered it with every result; the doctor, audit, outbox and slot filters took a
/// number ("1") for a member. Each reader took the answer for the filtered list.
/// </summary>
public abstract class ListFilterScenarios(TelemedHost host)
{
    public static TheoryData<string, string, string> Refused => new()
    {
        { "admin@demo.telemed.dev", "/api/v1/admin/erasure-requests?status=bogus", "privacy.invalid_erasure_status" },
        { "admin@demo.telemed.dev", "/api/v1/admin/erasure-requests?status=1", "privacy.invalid_erasure_status" },
        { "anna.petrova@demo.telemed.dev", "/api/v1/doctor/lab-results?status=bogus", "labs.invalid_result_status" },
        { "anna.petrova@demo.telemed.dev", "/api/v1/doctor/lab-results?status=received,released", "labs.invalid_result_status" },
        { "admin@demo.telemed.dev", "/api/v1/admin/doctors?status=1", "validation.failed" },
        { "admin@demo.telemed.dev", "/api/v1/admin/doctors?status=active,suspended", "validation.failed" },
        { "admin@demo.telemed.dev", "/api/v1/admin/audit?outcome=1", "validation.failed" },
        { "admin@demo.telemed.dev", "/api/v1/admin/audit?from=2026-12-07T00:00:00Z&to=2026-12-01T00:00:00Z", "validation.failed" },
        { "admin@demo.telemed.dev", "/api/v1/admin/outbox?channel=0", "validation.failed" },
        { "elena.popova@demo.telemed.dev", "/api/v1/scheduling/slots?specialty=cardiology&kind=1", "validation.failed" },
    };

    public static TheoryData<string, string> Accepted => new()
    {
        { "admin@demo.telemed.dev", "/api/v1/admin/erasure-requests?status=INPROGRESS" },
        { "admin@demo.telemed.dev", "/api/v1/admin/erasure-requests?status=" },
        { "anna.petrova@demo.telemed.dev", "/api/v1/doctor/lab-results?status=Released" },
        { "admin@demo.telemed.dev", "/api/v1/admin/doctors?status=active" },
        { "admin@demo.telemed.dev", "/api/v1/admin/audit?outcome=Denied" },
        { "admin@demo.telemed.dev", "/api/v1/admin/outbox?channel=email" },
        { "elena.popova@demo.telemed.dev", "/api/v1/scheduling/slots?specialty=cardiology&kind=inPerson" },
    };

    /// <summary>
    /// Paging is one rule for every list (PageRequest.FieldErrors): a page or page size out of range was clamped by some lists (500 rows
    /// asked, 100 answered as if they were all) and refused by the timeline; now every list refuses it, naming the field and its range.
    /// </summary>
    public static TheoryData<string, string, string> OutOfRangePaging => new()
    {
        { "elena.popova@demo.telemed.dev", "/api/v1/doctors?pageSize=500", "pageSize" },
        { "elena.popova@demo.telemed.dev", "/api/v1/doctors?page=0", "page" },
        { "elena.popova@demo.telemed.dev", "/api/v1/scheduling/slots?specialty=cardiology&pageSize=0", "pageSize" },
        { "elena.popova@demo.telemed.dev", "/api/v1/me/notifications?page=0", "page" },
        { "elena.popova@demo.telemed.dev", "/api/v1/me/notifications?pageSize=101", "pageSize" },
        { "elena.popova@demo.telemed.dev", "/api/v1/me/access-report?pageSize=1000", "pageSize" },
        { "elena.popova@demo.telemed.dev", "/api/v1/me/record/timeline?page=-1", "page" },
        { "admin@demo.telemed.dev", "/api/v1/admin/doctors?pageSize=101", "pageSize" },
        { "admin@demo.telemed.dev", "/api/v1/admin/audit?page=0&pageSize=100", "page" },
        { "admin@demo.telemed.dev", "/api/v1/admin/reviews?pageSize=-5", "pageSize" },
        { "admin@demo.telemed.dev", "/api/v1/admin/outbox?page=2147483647", "page" },
        { "admin@demo.telemed.dev", "/api/v1/admin/claims?page=0", "page" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangePaging))]
    public async Task Given_a_page_or_page_size_out_of_range_When_a_list_is_asked_for_Then_it_is_400_validation_failed_naming_the_field_and_its_range(string user, string path,
        string field)
    {
        using var client = await host.SignedInAsync(user);

        var response = await client.Http.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("validation.failed", path);
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        message.ShouldContain(field == "page" ? "from 1 to" : "1 to 100", Case.Sensitive, path);
    }

    [Theory]
    [InlineData("elena.popova@demo.telemed.dev", "/api/v1/doctors?page=1&pageSize=100")]
    [InlineData("elena.popova@demo.telemed.dev", "/api/v1/me/notifications?page=3&pageSize=1")]
    [InlineData("admin@demo.telemed.dev", "/api/v1/admin/audit?page=21474836&pageSize=100")]
    public async Task Given_a_page_and_page_size_in_range_When_a_list_is_asked_for_Then_it_is_answered(string user, string path)
    {
        using var client = await host.SignedInAsync(user);
        await (await client.Http.GetAsync(path)).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Given_a_filter_value_outside_the_list_s_set_When_the_list_is_asked_for_Then_it_is_400_with_a_stable_code(string user, string path, string code)
    {
        using var client = await host.SignedInAsync(user);

        var response = await client.Http.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", path);
        (await response.ProblemCodeAsync()).ShouldBe(code, path);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Given_a_member_s_name_in_any_case_or_no_value_When_the_list_is_asked_for_Then_it_is_answered(string user, string path)
    {
        using var client = await host.SignedInAsync(user);

        var response = await client.Http.GetAsync(path);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}

[Collection(nameof(PrivacySqliteCollection))]
public sealed class ListFilterScenariosOnSqlite(PrivacySqliteHost host) : ListFilterScenarios(host);

[Collection(nameof(PrivacyPostgresCollection))]
public sealed class ListFilterScenariosOnPostgres(PrivacyPostgresHost host) : ListFilterScenarios(host);
