using Telemed.BuildingBlocks.Scanning;
using Telemed.Modules.Records.Contracts;
using Telemed.Modules.Records.Documents;
using Telemed.Modules.Records.Documents.Upload;

namespace Telemed.UnitTests.Records;

public sealed class DocumentRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Doctor = Guid.NewGuid();

    private static PatientDocument Uploaded(DocumentShare? share = null) =>
        PatientDocument.Upload(Guid.NewGuid(), Guid.NewGuid(), DocumentTypes.LabResult, new DateOnly(2026, 11, 2), "CBC", "cbc.pdf", "application/pdf", 100,
            share ?? new DocumentShare(DocumentSharing.CareTeam, null), Now);

    [Fact]
    public void Given_a_new_upload_Then_it_waits_in_quarantine_and_nobody_but_the_patient_may_open_it()
    {
        var document = Uploaded();
        document.Status.ShouldBe(DocumentStatuses.PendingScan);
        document.IsReadable.ShouldBeFalse();
        document.IsVisibleToDoctor(Doctor, hasCareAccess: true).ShouldBeFalse();
    }

    [Fact]
    public void Given_a_rejected_document_Then_a_later_clean_verdict_does_not_bring_it_back()
    {
        var document = Uploaded();
        document.TakeVerdict(false, "clamd:Telemed.Test.Signature", Now).ShouldBeTrue();
        document.Status.ShouldBe(DocumentStatuses.Rejected);
        document.TakeVerdict(true, "clamd:OK", Now).ShouldBeFalse();
        document.Status.ShouldBe(DocumentStatuses.Rejected);
        document.IsVisibleToDoctor(Doctor, hasCareAccess: true).ShouldBeFalse();
    }

    [Theory]
    [InlineData(DocumentSharing.CareTeam, false, true, true)]
    [InlineData(DocumentSharing.CareTeam, false, false, false)]
    [InlineData(DocumentSharing.Doctor, true, false, true)]
    [InlineData(DocumentSharing.Doctor, false, true, false)]
    [InlineData(DocumentSharing.Private, false, true, false)]
    public void Given_a_clean_document_Then_a_doctor_sees_it_only_as_it_is_shared(string sharing, bool named, bool careAccess, bool visible)
    {
        var document = Uploaded(new DocumentShare(sharing, sharing == DocumentSharing.Doctor ? (named ? Doctor : Guid.NewGuid()) : null));
        document.TakeVerdict(true, "clamd:OK", Now);
        document.IsVisibleToDoctor(Doctor, careAccess).ShouldBe(visible);
    }

    [Theory]
    [InlineData(null, false, DocumentSharing.CareTeam)]
    [InlineData("private", false, DocumentSharing.Private)]
    [InlineData("doctor", true, DocumentSharing.Doctor)]
    [InlineData("doctor", false, null)]
    [InlineData("care_team", true, null)]
    [InlineData("everyone", false, null)]
    public void Given_a_sharing_choice_Then_it_reads_only_when_a_named_doctor_goes_with_doctor(string? sharing, bool withDoctor, string? expected) =>
        DocumentShare.From(sharing, withDoctor ? Doctor : null)?.Sharing.ShouldBe(expected);

    [Theory]
    [InlineData("2026-11-30", true)]
    [InlineData("2026-12-01", true)]
    [InlineData("2026-12-02", false)]
    [InlineData("1899-12-31", false)]
    public void Given_a_document_date_Then_it_is_plausible_unless_in_the_future_or_before_1900(string date, bool plausible) =>
        DocumentDates.IsPlausible(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 11, 30)).ShouldBe(plausible);

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, null)]
    [InlineData(new byte[] { 0x23, 0x21, 0x2F, 0x62 }, null)]
    public void Given_the_first_bytes_Then_only_pdf_jpeg_and_png_are_documents(byte[] head, string? expected) =>
        DocumentInspector.DetectContentType(head).ShouldBe(expected);

    [Theory]
    [InlineData("stream: OK\0", true, "clamd:OK")]
    [InlineData("stream: Telemed.Test.Signature.UNOFFICIAL FOUND\0", false, "clamd:Telemed.Test.Signature.UNOFFICIAL")]
    [InlineData("INSTREAM size limit exceeded. ERROR\0", false, "clamd:error")]
    public void Given_a_clamd_reply_Then_only_OK_is_clean(string reply, bool clean, string detail) =>
        ClamdScanner.Interpret(reply).ShouldBe(new ScanVerdict(clean, detail));

    [Fact]
    public void Given_a_reply_that_is_not_clamds_Then_the_scanner_counts_as_unavailable() =>
        Should.Throw<VirusScannerUnavailableException>(() => ClamdScanner.Interpret("HTTP/1.1 400 Bad Request"));

    [Fact]
    public async Task Given_no_clamd_listening_Then_the_scan_fails_as_unavailable_rather_than_clean()
    {
        var scanner = new ClamdScanner(new ClamdOptions { Host = "127.0.0.1", Port = 1, TimeoutSeconds = 2 });
        await Should.ThrowAsync<VirusScannerUnavailableException>(() => scanner.ScanAsync("%PDF-1.4"u8.ToArray()));
    }
}
