using Telemed.Modules.Privacy.Erasure;
using Telemed.Modules.Privacy.Export;
using Telemed.Modules.Records.Contracts;

namespace Telemed.UnitTests.Privacy;

/// <summary>The per-jurisdiction retention rules an erasure applies, the erasure request's transitions and the export's file names.</summary>
public sealed class RetentionPolicyTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static KeptRecord Of(IReadOnlyList<KeptRecord> kept, string category) => kept.Single(k => k.Category == category);

    [Fact]
    public void Russia_keeps_the_medical_record_and_consents_25_years_by_order_530n()
    {
        var kept = RetentionPolicy.WhatIsKept(["ru-323fz"], Today);
        foreach (var category in new[] { KeptCategories.SignedProtocols, KeptCategories.Prescriptions, KeptCategories.LabResults, KeptCategories.Consents })
        {
            Of(kept, category).Years.ShouldBe(25);
            Of(kept, category).LegalSource.ShouldContain("530n");
            Of(kept, category).KeptUntil.ShouldBe(new DateOnly(2051, 12, 1));
        }
    }

    [Fact]
    public void United_States_keeps_consents_6_years_by_HIPAA_and_records_10_years_by_state_law()
    {
        var kept = RetentionPolicy.WhatIsKept(["us"], Today);
        Of(kept, KeptCategories.Consents).Years.ShouldBe(6);
        Of(kept, KeptCategories.Consents).LegalSource.ShouldContain("164.316");
        Of(kept, KeptCategories.SignedProtocols).Years.ShouldBe(10);
        Of(kept, KeptCategories.LabResults).LegalSource.ShouldContain("State");
    }

    [Fact]
    public void European_Union_keeps_records_10_years_under_Art_17_3_and_consents_3_years()
    {
        var kept = RetentionPolicy.WhatIsKept(["eu"], Today);
        Of(kept, KeptCategories.Prescriptions).Years.ShouldBe(10);
        Of(kept, KeptCategories.Prescriptions).LegalSource.ShouldContain("17(3)");
        Of(kept, KeptCategories.Consents).Years.ShouldBe(3);
    }

    [Theory]
    [InlineData("ru-323fz", 25)]
    [InlineData("us", 10)]
    [InlineData("eu", 10)]
    public void The_audit_trail_is_kept_as_long_as_the_record_it_accounts_for(string jurisdiction, int years) =>
        Of(RetentionPolicy.WhatIsKept([jurisdiction], Today), KeptCategories.AuditTrail).Years.ShouldBe(years);

    [Fact]
    public void With_clinics_in_several_jurisdictions_the_longest_retention_wins_and_an_unknown_or_missing_one_takes_every_rule()
    {
        var kept = RetentionPolicy.WhatIsKept(["us", "ru-323fz"], Today);
        Of(kept, KeptCategories.Consents).Years.ShouldBe(25);
        Of(kept, KeptCategories.Consents).Jurisdiction.ShouldBe("ru-323fz");
        kept.Select(k => k.Category).ShouldBe(kept.Select(k => k.Category).Distinct());
        Of(RetentionPolicy.WhatIsKept([], Today), KeptCategories.SignedProtocols).Years.ShouldBe(25);
        Of(RetentionPolicy.WhatIsKept(["xx"], Today), KeptCategories.SignedProtocols).Years.ShouldBe(25);
    }

    [Fact]
    public void An_erasure_request_is_declined_only_before_it_starts_and_resumes_where_it_failed()
    {
        var request = ErasureRequest.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "  moving  ", Now);
        request.Reason.ShouldBe("moving");
        request.Start(RetentionPolicy.WhatIsKept(["us"], Today), Guid.NewGuid(), Now).IsSuccess.ShouldBeTrue();
        request.Decline("no", Guid.NewGuid(), Now).Error!.Code.ShouldBe("privacy.erasure_closed");
        request.StepFinished(ErasureSteps.Documents);
        request.StepFailed(ErasureSteps.NotificationHistory);
        request.Status.ShouldBe(ErasureStatuses.InProgress);
        request.FailedStep.ShouldBe(ErasureSteps.NotificationHistory);
        request.Start([], Guid.NewGuid(), Now).IsSuccess.ShouldBeTrue();
        request.FailedStep.ShouldBeNull();
        request.Kept.ShouldNotBeEmpty();
        request.StepFinished(ErasureSteps.Documents);
        request.FinishedSteps.ShouldBe([ErasureSteps.Documents]);
        request.Complete(Now);
        request.Start([], Guid.NewGuid(), Now).Error!.Code.ShouldBe("privacy.erasure_closed");
    }

    [Fact]
    public void Export_file_names_cannot_leave_the_documents_folder_and_never_clash()
    {
        var file = new PatientDocumentFile(Guid.NewGuid(), "../../etc/passwd", "application/pdf", new DateOnly(2026, 11, 2), []);
        var names = ExportFileNames.ForDocuments([file, file with { FileName = "скан 1.pdf" }]);
        names[0].ShouldBe("2026-11-02-1-_.._etc_passwd");
        names[1].ShouldBe("2026-11-02-2-скан_1.pdf");
        ExportFileNames.Safe("...").ShouldBe("file");
    }
}
