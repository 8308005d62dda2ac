using Telemed.Modules.Consultations.Contracts;
using System.Security.Cryptography;
using System.Text;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Calls;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.UnitTests.Consultations;

public sealed class ConsultationRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)]
    public void Given_the_first_bytes_Then_the_type_is_known_or_refused(byte[] head, string? expected) =>
        AttachmentInspector.DetectContentType(head).ShouldBe(expected);

    [Fact]
    public async Task Given_the_eicar_test_file_Then_the_default_scanner_refuses_it()
    {
        var scanner = new Telemed.BuildingBlocks.Scanning.EicarSignatureScanner();
        (await scanner.ScanAsync("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray())).Clean.ShouldBeFalse();
        (await scanner.ScanAsync("%PDF-1.4 harmless"u8.ToArray())).Clean.ShouldBeTrue();
    }

    [Fact]
    public void Given_the_turn_rest_scheme_Then_the_credential_is_the_hmac_sha1_of_expiry_and_user()
    {
        var user = Guid.Parse("7f1d2a4e-0000-4000-8000-000000000001");
        var (username, credential) = IceServers.TurnCredentials("s3cret", 1_800_000_000, user);
        username.ShouldBe("1800000000:7f1d2a4e000040008000000000000001");
        credential.ShouldBe(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(username))));
    }

    [Fact]
    public void Given_a_scheduled_consultation_Then_it_waits_then_completes_once_and_cannot_be_reopened()
    {
        var c = Consultation.OnDemand("dermatology", Guid.NewGuid(), Guid.NewGuid(), ConsultationKind.Video, Now);
        c.RecordComplaint("{}", "Left hand · 2/10", new TriageResult(TriageLevel.Routine, "", []));
        c.EnterWaitingRoom(Now).IsSuccess.ShouldBeTrue();
        c.Status.ShouldBe(ConsultationStatus.Waiting);
        c.Complete(Now).Error!.Code.ShouldBe("consultation.invalid_transition");
        c.WriteNotes("x", Now).IsSuccess.ShouldBeFalse();
        c.Fail(FailureReason.PatientLeft, null, Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();
        c.Fail(FailureReason.TechnicalFailure, null, Now.AddMinutes(2)).IsSuccess.ShouldBeFalse();
        c.EnterWaitingRoom(Now).IsSuccess.ShouldBeFalse();
        c.EndedAt.ShouldBe(Now.AddMinutes(1));
    }

    [Fact]
    public void Given_emergency_advice_Then_the_consultation_is_failed_and_never_waiting()
    {
        var c = Consultation.OnDemand("cardiology", Guid.NewGuid(), Guid.NewGuid(), ConsultationKind.Video, Now);
        c.DivertToEmergencyServices(Now);
        c.Status.ShouldBe(ConsultationStatus.Failed);
        c.FailureReason.ShouldBe(FailureReason.EmergencyAdvised);
        c.EnterWaitingRoom(Now).IsSuccess.ShouldBeFalse();
        c.EnteredWaitingAt.ShouldBeNull();
    }
}
