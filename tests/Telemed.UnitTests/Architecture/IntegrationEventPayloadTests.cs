using System.Text.Json;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Architecture;

/// <summary>Kinds cross module boundaries as enums, written by name, so outbox payloads written before (strings) still read.</summary>
public sealed class IntegrationEventPayloadTests
{
    [Fact]
    public void Given_a_payload_stored_when_kind_was_a_camel_case_string_Then_it_reads_as_the_enum()
    {
        const string stored = """{"AppointmentId":"6f9d3c1e-0000-0000-0000-000000000001","DoctorId":"6f9d3c1e-0000-0000-0000-000000000002","DoctorUserId":"6f9d3c1e-0000-0000-0000-000000000003","PatientId":"6f9d3c1e-0000-0000-0000-000000000004","ClinicId":"6f9d3c1e-0000-0000-0000-000000000005","Kind":"inPerson","Start":"2026-12-01T09:00:00Z","End":"2026-12-01T09:30:00Z"}""";
        JsonSerializer.Deserialize<AppointmentBooked>(stored)!.Kind.ShouldBe(AppointmentKind.InPerson);
    }

    [Fact]
    public void Given_an_event_Then_its_kind_is_written_by_name_not_number()
    {
        var completed = new ConsultationCompleted(Guid.NewGuid(), null, Guid.NewGuid(), Guid.NewGuid(), ConsultationKind.Chat, DateTime.UtcNow, DateTime.UtcNow);
        var json = JsonSerializer.Serialize(completed);
        json.ShouldContain("\"Kind\":\"Chat\"");
        JsonSerializer.Deserialize<ConsultationCompleted>(json)!.Kind.ShouldBe(ConsultationKind.Chat);
    }
}
