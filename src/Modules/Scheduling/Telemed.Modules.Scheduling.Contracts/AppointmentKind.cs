using System.Text.Json.Serialization;

namespace Telemed.Modules.Scheduling.Contracts;

/// <summary>
/// How a visit happens. Written by name in integration events (outbox payloads from before this enum carried the
/// same names as strings, so they still read).
/// </summary>
[JsonConverter(typeof(Telemed.BuildingBlocks.Http.NamedEnumConverter<AppointmentKind>))]
public enum AppointmentKind { Video, InPerson, Chat }
