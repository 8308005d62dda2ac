using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Fhir;

namespace Telemed.IntegrationTests.Scenarios.Interop;

/// <summary>The import endpoint as another system's connector calls it, and the test Bundle (Scenarios/Interop/patient-record-bundle.json).</summary>
public static class ImportApi
{
    public const string Path = "/api/v1/admin/imports/fhir";
    private const string SummaryUrl = "https://telemed.dev/fhir/StructureDefinition/import-summary";

    public sealed record Person(string Tag, string Family, string Given, string BirthDate, string Gender)
    {
        public static Person New(string family = "Importova", string given = "Alina", string birthDate = "1975-04-12", string gender = "female")
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            return new Person(tag, family + tag, given, birthDate, gender);
        }
    }

    /// <summary>The realistic record (Patient, 2 allergies, 2 conditions — ICD-10 and SNOMED CT —, a medication, 3 observations) for <paramref name="person"/>.</summary>
    public static string RecordOf(Person person, string secondAllergy = "Peanuts") =>
        File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Scenarios", "Interop", "patient-record-bundle.json"))
            .Replace("{{TAG}}", person.Tag).Replace("{{FAMILY}}", person.Family).Replace("{{GIVEN}}", person.Given)
            .Replace("{{BIRTHDATE}}", person.BirthDate).Replace("{{GENDER}}", person.Gender).Replace("{{ALLERGY2}}", secondAllergy);

    public sealed record Imported(HttpStatusCode Status, Resource? Resource, string Json)
    {
        public Bundle Bundle => Resource as Bundle ?? throw new InvalidOperationException($"Not a Bundle ({Status}): {Json}");

        public string? Code => (Resource as OperationOutcome)?.Issue.FirstOrDefault()?.Details?.Coding.FirstOrDefault()?.Code;

        public int Count(string part) => ((UnsignedInt)Bundle.Meta!.Extension.Single(e => e.Url == SummaryUrl).Extension.Single(e => e.Url == part).Value!).Value!.Value;

        /// <summary>The patient id the Patient entry's response names (<c>Patient/{id}</c>).</summary>
        public Guid PatientId => Guid.Parse(Bundle.Entry[0].Response!.Location!["Patient/".Length..]);
    }

    public static async Task<Imported> ImportAsync(this ApiClient client, string body, string contentType = "application/fhir+json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await client.Http.PostAsync(Path, content);
        var json = await response.Content.ReadAsStringAsync();
        Resource? resource = null;
        try
        {
            resource = FhirValidation.Parse(json);
        }
        catch (Exception)
        {
            // Not FHIR (e.g. a ProblemDetails): the test looks at the status and the text.
        }

        return new Imported(response.StatusCode, resource, json);
    }
}
