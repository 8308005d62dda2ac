using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Telemed.Modules.Fhir.Search;

namespace Telemed.UnitTests.Fhir;

public sealed class FhirSearchTests
{
    private static readonly IReadOnlyList<FhirSearchParameter> Parameters =
    [
        new("date", SearchParamType.Date, "", r => [new FhirPeriod(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero))]),
        new("status", SearchParamType.Token, "", r => [new FhirToken("http://hl7.org/fhir/appointmentstatus", "booked")]),
        new("patient", SearchParamType.Reference, "", r => ["Patient/p1"]),
    ];

    private static readonly Resource[] One = [new Appointment { Id = "a1" }];

    private static FhirSearch Parse(string query) =>
        FhirSearch.Parse(new QueryCollection(QueryHelpers(query)), Parameters.Select(p => p.Name).ToList()).Value;

    private static Dictionary<string, StringValues> QueryHelpers(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);

    private static int Matches(string query) => FhirSearchMatcher.Filter(One, Parse(query), Parameters).Value.Count;

    [Theory]
    [InlineData("date=2026-03-10", 1)]
    [InlineData("date=2026-03", 1)]
    [InlineData("date=2026", 1)]
    [InlineData("date=2026-03-11", 0)]
    [InlineData("date=lt2026-03-10", 0)]
    [InlineData("date=ge2026-03-10", 1)]
    [InlineData("date=gt2026-03-10", 0)]
    [InlineData("date=le2026-03-09", 0)]
    [InlineData("date=ge2026-03-01&date=lt2026-04-01", 1)]
    [InlineData("status=booked", 1)]
    [InlineData("status=http://hl7.org/fhir/appointmentstatus|booked", 1)]
    [InlineData("status=|booked", 0)]
    [InlineData("status=cancelled,booked", 1)]
    [InlineData("status=cancelled", 0)]
    [InlineData("patient=Patient/p1", 1)]
    [InlineData("patient=p1", 1)]
    [InlineData("patient=p2", 0)]
    [InlineData("_id=a1", 1)]
    [InlineData("_id=a2", 0)]
    public void Given_a_search_Then_a_resource_matches_as_FHIR_search_semantics_say(string query, int expected) =>
        Matches(query).ShouldBe(expected);

    [Theory]
    [InlineData("colour=blue", "fhir.unknown_parameter")]
    [InlineData("status:not=booked", "fhir.invalid_parameter")]
    [InlineData("_count=0", "fhir.invalid_parameter")]
    [InlineData("_count=101", "fhir.invalid_parameter")]
    [InlineData("_offset=-3", "fhir.invalid_parameter")]
    [InlineData("_format=xml", "fhir.invalid_parameter")]
    [InlineData("status=", "fhir.invalid_parameter")]
    public void Given_a_parameter_the_type_does_not_support_or_a_bad_value_Then_the_search_is_refused(string query, string code) =>
        FhirSearch.Parse(new QueryCollection(QueryHelpers(query)), Parameters.Select(p => p.Name).ToList()).Error!.Code.ShouldBe(code);

    [Theory]
    [InlineData("date=yesterday")]
    [InlineData("date=2026-03-10T09:00:00")]
    [InlineData("date=ap2026-03-10")]
    public void Given_a_date_it_cannot_read_Then_the_matcher_refuses_it(string query) =>
        FhirSearchMatcher.Filter(One, Parse(query), Parameters).Error!.Code.ShouldBe("fhir.invalid_parameter");

    [Fact]
    public void Given_a_page_Then_the_links_repeat_the_criteria_and_move_the_offset()
    {
        var search = Parse("status=booked&_count=2&_offset=2");
        search.QueryAt(4).ShouldBe("status=booked&_count=2&_offset=4");
        var matched = Enumerable.Range(0, 5).Select(i => (Resource)new Appointment { Id = $"a{i}" }).ToList();
        var bundle = SearchBundles.Page("Appointment", matched, search, "http://x/fhir/R4");
        bundle.Total.ShouldBe(5);
        bundle.Entry.Select(e => e.Resource!.Id).ShouldBe(["a2", "a3"]);
        bundle.Link.Single(l => l.Relation == "next").Url.ShouldBe("http://x/fhir/R4/Appointment?status=booked&_count=2&_offset=4");
        bundle.Link.Single(l => l.Relation == "previous").Url.ShouldBe("http://x/fhir/R4/Appointment?status=booked&_count=2&_offset=0");
    }
}
