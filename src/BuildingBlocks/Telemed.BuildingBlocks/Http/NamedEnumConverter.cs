using System.Text.Json.Serialization;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// An enum read and written by its member's name only: <c>"primary"</c> (any letter case) is read, <c>1</c> or <c>"1"</c> is refused
/// as malformed JSON (400), as the OpenAPI schema lists names only. <see cref="JsonStringEnumConverter{TEnum}"/> on its own also
/// reads numbers, so a number that happens to be a member (<c>"certainty":"1"</c>) was taken for a meaning the client never named.
/// Names are written as declared; the HTTP API's own options write them in camelCase.
/// </summary>
public sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false) where TEnum : struct, Enum;
