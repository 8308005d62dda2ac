using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Catalogue;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Gateway;
using Telemed.Modules.Labs.Orders;
using Telemed.Modules.Labs.PartnerLabs;
using Telemed.Modules.Labs.Results;
using Telemed.Modules.Labs.Results.AutoRelease;

namespace Telemed.UnitTests.Labs;

public sealed class ValueFlagsTests
{
    [Theory]
    [InlineData(4.3, null, "N")]
    [InlineData(3.2, null, "L")]
    [InlineData(5.5, null, "H")]
    [InlineData(2.5, null, "LL")]
    [InlineData(7.1, null, "HH")]
    [InlineData(7.1, "H", "HH")] // a lab's milder flag never hides a value past a critical limit
    [InlineData(4.3, "H", "H")] // otherwise the lab's own flag stands
    [InlineData(4.3, "HH", "HH")]
    public void A_value_is_flagged_by_its_range_and_critical_limits_and_critical_always_wins(double value, string? labFlag, string expected) =>
        ValueFlags.FlagOf((decimal)value, labFlag, 3.5m, 5.1m, 2.8m, 6.2m).ShouldBe(expected);

    [Fact]
    public void A_value_with_open_bounds_or_no_value_is_flagged_by_what_is_known()
    {
        ValueFlags.FlagOf(250m, null, null, 200m, null, null).ShouldBe(LabFlags.High);
        ValueFlags.FlagOf(150m, null, null, 200m, null, null).ShouldBe(LabFlags.Normal);
        ValueFlags.FlagOf(null, null, 1m, 2m, null, null).ShouldBeNull();
        ValueFlags.FlagOf(null, "weird", 1m, 2m, null, null).ShouldBeNull();
    }
}

public sealed class AutoReleaseRuleTests
{
    private static readonly DateTime Received = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private static LabReport ReportWith(params string[] flags) => LabReport.Receive(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "r1", null,
        [.. flags.Select(f => new LabValue(Guid.NewGuid(), "2823-3", "Potassium", 4m, null, "mmol/L", 3.5m, 5.1m, f, null, Received))], Received, Received);

    [Fact]
    public void All_normal_results_release_themselves_only_after_the_waiting_time()
    {
        var options = new AutoReleaseOptions { AfterHours = 24 };
        AutoReleaseRule.ReleasesItself(ReportWith("N", "N"), options, Received.AddHours(23)).ShouldBeFalse();
        AutoReleaseRule.ReleasesItself(ReportWith("N", "N"), options, Received.AddHours(24)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("H")]
    [InlineData("L")]
    [InlineData("HH")]
    [InlineData("LL")]
    public void Results_with_an_abnormal_or_critical_value_never_release_themselves(string flag) =>
        AutoReleaseRule.ReleasesItself(ReportWith("N", flag), new AutoReleaseOptions(), Received.AddDays(30)).ShouldBeFalse();

    [Fact]
    public void The_rule_switched_off_releases_nothing_and_a_released_report_is_not_released_again()
    {
        AutoReleaseRule.ReleasesItself(ReportWith("N"), new AutoReleaseOptions { Enabled = false }, Received.AddDays(3)).ShouldBeFalse();
        var report = ReportWith("N");
        report.Release(automatically: false, Received.AddHours(1)).IsSuccess.ShouldBeTrue();
        report.Release(automatically: true, Received.AddHours(2)).Error!.Code.ShouldBe("labs.already_released");
        AutoReleaseRule.ReleasesItself(report, new AutoReleaseOptions(), Received.AddDays(3)).ShouldBeFalse();
    }

    [Fact]
    public void A_received_report_counts_its_critical_values_and_raises_the_alerting_event()
    {
        var report = ReportWith("N", "HH", "LL");
        report.CriticalCount.ShouldBe(2);
        report.AllNormal.ShouldBeFalse();
        report.DomainEvents.OfType<LabResultReceived>().Single().CriticalValueCount.ShouldBe(2);
    }
}

public sealed class LabOrderTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private static LabOrder Order() => LabOrder.Place(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, [new OrderedTest("2823-3", "Potassium")], Now);

    [Fact]
    public void A_lab_is_chosen_once_and_the_send_is_claimed_by_one_sender_at_a_time()
    {
        var order = Order();
        order.DomainEvents.OfType<LabOrderPlaced>().ShouldHaveSingleItem();
        order.ClaimSending(Now).ShouldBeFalse(); // no lab yet
        order.ChooseLab(Guid.NewGuid(), Now).IsSuccess.ShouldBeTrue();
        order.ChooseLab(Guid.NewGuid(), Now).Error!.Code.ShouldBe("labs.lab_already_chosen");
        order.ClaimSending(Now).ShouldBeTrue();
        order.ClaimSending(Now.AddSeconds(30)).ShouldBeFalse();
        order.ClaimSending(Now + LabOrder.SendClaim).ShouldBeTrue(); // a stale claim may be retried
        order.MarkSent(["a", "b"], Now);
        order.ExternalIdList.ShouldBe(["a", "b"]);
        order.ClaimSending(Now.AddHours(1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("https://lab.example/fhir", false, true)]
    [InlineData("sandbox:", false, true)]
    [InlineData("http://127.0.0.1:5000/fhir", true, true)]
    [InlineData("http://127.0.0.1:5000/fhir", false, false)]
    [InlineData("http://lab.example/fhir", true, false)]
    [InlineData("https://user:pass@lab.example/fhir", false, false)]
    [InlineData("https://169.254.169.254/latest/meta-data/", true, false)]
    [InlineData("https://[fe80::1]/fhir", true, false)]
    [InlineData("https://localhost/fhir", false, false)]
    [InlineData("ftp://lab.example", false, false)]
    [InlineData("javascript:alert(1)", false, false)]
    [InlineData("lab.example/fhir", false, false)]
    [InlineData(null, false, false)]
    public void A_partner_labs_base_url_is_the_sandbox_or_passes_the_outbound_rule(string? url, bool allowLoopback, bool valid) =>
        (PartnerLab.BaseUrlProblem(url, allowLoopback) is null).ShouldBe(valid);
}

public sealed class LabCatalogueAndFhirTests
{
    [Fact]
    public void The_catalogue_has_the_common_panels_with_their_members_and_every_member_is_a_test_with_a_unit()
    {
        foreach (var code in new[] { "58410-2", "51990-0", "57698-3" })
        {
            var panel = BundledLabCatalogue.Find(code).ShouldNotBeNull();
            panel.IsPanel.ShouldBeTrue();
            BundledLabCatalogue.TestsOf(panel).ShouldAllBe(t => !t.IsPanel && t.Unit != null);
        }

        BundledLabCatalogue.TestsOf(BundledLabCatalogue.Find("58410-2")!).Select(t => t.LoincCode).ShouldContain("777-3");
        BundledLabCatalogue.All.Select(t => t.LoincCode).ShouldBeUnique();
        BundledLabCatalogue.All.ShouldAllBe(t => t.NameRu.Length > 0 && t.NameEn.Length > 0);
    }

    [Fact]
    public void The_service_request_carries_the_loinc_code_the_requisition_the_subject_and_the_requester()
    {
        var order = new LabOrderToSend(Guid.NewGuid(), Guid.NewGuid(), "S. Pavlova", Guid.NewGuid(), "N. Lebedeva", [("2823-3", "Potassium")], DateTime.UtcNow);
        var request = FhirLabGateway.ServiceRequestFor(order, "2823-3", "Potassium");
        request.Intent.ShouldBe(RequestIntent.Order);
        request.Code!.Coding.Single().Code.ShouldBe("2823-3");
        request.Code.Coding.Single().System.ShouldBe("http://loinc.org");
        request.Requisition!.Value.ShouldBe(order.OrderId.ToString());
        request.Subject!.Identifier!.Value.ShouldBe(order.PatientId.ToString());
        request.Requester!.Display.ShouldBe("N. Lebedeva");
    }

    [Fact]
    public void A_search_page_yields_each_report_with_its_included_observations_values_ranges_and_interpretations()
    {
        var observation = new Observation
        {
            Id = "o1", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3", "Potassium"),
            Value = new Quantity(6.9m, "mmol/L"), ReferenceRange = [new Observation.ReferenceRangeComponent { Low = new Quantity(3.5m, "mmol/L"), High = new Quantity(5.1m, "mmol/L") }],
            Interpretation = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "HH")],
        };
        var report = new DiagnosticReport { Id = "r1", Status = DiagnosticReport.DiagnosticReportStatus.Final, Result = [new ResourceReference("Observation/o1")], Issued = DateTimeOffset.UtcNow };
        var page = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Entry =
            [
                new Bundle.EntryComponent { Resource = report, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } },
                new Bundle.EntryComponent { Resource = observation, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include } },
            ],
        };
        var found = FhirLabGateway.ReportsIn(page).Single();
        found.ExternalId.ShouldBe("r1");
        var value = found.Values.Single();
        (value.Value, value.Unit, value.RangeLow, value.RangeHigh, value.Interpretation).ShouldBe((6.9m, "mmol/L", 3.5m, 5.1m, "HH"));
        LabOrderDispatch.FlaggedValue(value).Flag.ShouldBe(LabFlags.CriticalHigh);
    }
}
