using System.Text;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.UnitTests.Clinical;

/// <summary>Detached CMS signatures (RFC 5652) with a host counter-signed time, checked against the clinic's CA.</summary>
public sealed class CmsDocumentSignatureTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Document = Encoding.UTF8.GetBytes("{\"type\":\"telemed.visit-protocol/1\",\"diagnoses\":[\"J06.9\"]}");

    private static (System.Security.Cryptography.X509Certificates.X509Certificate2 Ca, System.Security.Cryptography.X509Certificates.X509Certificate2 Stamp,
        System.Security.Cryptography.X509Certificates.X509Certificate2 Doctor) Clinic(string name = "Telemed Moscow")
    {
        var ca = CertificateFactory.CreateAuthority(name, Now);
        return (ca, CertificateFactory.IssueTimestamp(ca, name, Now), CertificateFactory.IssueSigner(ca, "Natalia Lebedeva", name, Now));
    }

    [Fact]
    public void A_signature_verifies_with_its_signer_and_counter_signed_time()
    {
        var (ca, stamp, doctor) = Clinic();
        var check = CmsDocumentSignatures.Verify(Document, CmsDocumentSignatures.Sign(Document, doctor, stamp, Now), ca, null);
        check.Valid.ShouldBeTrue(check.Problem);
        check.DocumentIntact.ShouldBeTrue();
        check.SignerName.ShouldBe("Natalia Lebedeva");
        check.SignedAt.ShouldBe(Now);
        check.CertificateStatus.ShouldBe("valid");
        check.CertificateSerial.ShouldBe(doctor.SerialNumber);
    }

    [Fact]
    public void One_changed_byte_of_the_document_makes_it_invalid()
    {
        var (ca, stamp, doctor) = Clinic();
        var signature = CmsDocumentSignatures.Sign(Document, doctor, stamp, Now);
        var changed = (byte[])Document.Clone();
        changed[^3] ^= 0x01;
        var check = CmsDocumentSignatures.Verify(changed, signature, ca, null);
        check.Valid.ShouldBeFalse();
        check.DocumentIntact.ShouldBeFalse();
        check.Problem!.ShouldContain("changed");
    }

    [Fact]
    public void A_certificate_from_another_CA_is_untrusted()
    {
        var (ca, _, _) = Clinic();
        var (_, otherStamp, otherDoctor) = Clinic("Elsewhere");
        var check = CmsDocumentSignatures.Verify(Document, CmsDocumentSignatures.Sign(Document, otherDoctor, otherStamp, Now), ca, null);
        check.Valid.ShouldBeFalse();
        check.DocumentIntact.ShouldBeTrue();
        check.CertificateStatus.ShouldBe("untrusted");
    }

    [Fact]
    public void Revocation_before_the_signing_time_invalidates_it_and_revocation_after_does_not()
    {
        var (ca, stamp, doctor) = Clinic();
        var signature = CmsDocumentSignatures.Sign(Document, doctor, stamp, Now);
        CmsDocumentSignatures.Verify(Document, signature, ca, Now.AddMinutes(-1)).CertificateStatus.ShouldBe("revoked");
        CmsDocumentSignatures.Verify(Document, signature, ca, Now.AddMinutes(-1)).Valid.ShouldBeFalse();
        CmsDocumentSignatures.Verify(Document, signature, ca, Now.AddDays(1)).Valid.ShouldBeTrue();
    }

    [Fact]
    public void A_time_counter_signed_by_a_key_outside_the_clinic_is_not_trusted()
    {
        var (ca, _, doctor) = Clinic();
        var (_, foreignStamp, _) = Clinic("Elsewhere");
        var check = CmsDocumentSignatures.Verify(Document, CmsDocumentSignatures.Sign(Document, doctor, foreignStamp, Now), ca, null);
        check.Valid.ShouldBeFalse();
        check.SignedAt.ShouldBeNull();
    }

    [Fact]
    public void Garbage_is_reported_not_thrown() =>
        CmsDocumentSignatures.Verify(Document, [1, 2, 3], Clinic().Ca, null).Problem!.ShouldContain("not a readable CMS");

    [Fact]
    public void A_display_name_cannot_add_attributes_to_the_certificate_subject()
    {
        var ca = CertificateFactory.CreateAuthority("Clinic", Now);
        var doctor = CertificateFactory.IssueSigner(ca, "Eve, O=Other Clinic", "Clinic", Now);
        doctor.Subject.Split(", ").Where(part => part.StartsWith("O=", StringComparison.Ordinal)).ShouldBe(["O=Clinic"]);
        doctor.Subject.ShouldStartWith("CN=Eve");
    }
}
