using Telemed.Modules.Directory.Clinics;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Localisation;

namespace Telemed.UnitTests.Directory;

public sealed class LocalisedContentTests
{
    private static Clinic Novosibirsk() => new() { Name = "Telemed Clinic Novosibirsk", Address = "Krasny prospekt 25", City = "Novosibirsk", TimeZone = "Asia/Novosibirsk" };

    [Fact]
    public void A_clinic_reads_in_Russian_where_translated_and_in_English_field_by_field_where_not()
    {
        var clinic = Novosibirsk();
        clinic.Translate(new Dictionary<string, ClinicTexts> { ["ru"] = new("Клиника Telemed Новосибирск", " ", "Новосибирск") });

        Assert.Equal(new ClinicTexts("Клиника Telemed Новосибирск", "Krasny prospekt 25", "Новосибирск"), clinic.TextsIn("ru"));
        Assert.Equal(new ClinicTexts("Telemed Clinic Novosibirsk", "Krasny prospekt 25", "Novosibirsk"), clinic.TextsIn("en"));
    }

    [Fact]
    public void Only_translatable_languages_are_stored()
    {
        var clinic = Novosibirsk();
        clinic.Translate(new Dictionary<string, ClinicTexts> { ["xx"] = new("X", "X", "X"), ["ru"] = new("", "", "") });
        Assert.Empty(clinic.Translations);
    }

    [Fact]
    public void A_doctors_bio_reads_in_Russian_when_written_else_in_English()
    {
        var doctor = new DoctorProfile { DisplayName = "James Whitfield", Bio = "Consultant cardiologist." };
        Assert.Equal("Consultant cardiologist.", doctor.BioIn("ru"));

        doctor.TranslateBio(new Dictionary<string, string> { ["ru"] = " Врач-кардиолог. " });
        Assert.Equal("Врач-кардиолог.", doctor.BioIn("ru"));
        Assert.Equal("Consultant cardiologist.", doctor.BioIn("en"));
    }
}
