using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Events;

/// <summary>An integration event waiting for delivery; the payload is encrypted because events may carry PHI.</summary>
public sealed class OutboxMessage
{
    private const string Purpose = "OutboxMessage.Payload";

    public Guid Id { get; init; }
    public required string EventType { get; init; }
    public required string Payload { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// Not claimed before this UTC instant: set after a failed delivery (<see cref="OutboxRetries.Backoff"/>), so that an outage of
    /// a handler's dependency (the database, the payment gateway, SMTP) is waited out instead of used up in a few seconds. Null:
    /// due at once.
    /// </summary>
    public DateTime? NextAttemptAt { get; set; }

    internal static OutboxMessage From(IntegrationEvent integrationEvent, FieldEncryption encryption) => new()
    {
        Id = integrationEvent.EventId,
        EventType = integrationEvent.GetType().FullName!,
        Payload = encryption.Encrypt(JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType()), Purpose),
        CreatedAt = DateTime.UtcNow,
    };

    /// <summary>Decrypts and reads a payload as stored, wherever it travelled (the outbox row or a broker message carrying it unchanged).</summary>
    internal static IntegrationEvent Read(string payload, Type type, FieldEncryption encryption) =>
        (IntegrationEvent)JsonSerializer.Deserialize(encryption.Decrypt(payload, Purpose), type)!;
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.EventType).HasMaxLength(256);
        builder.HasIndex(m => new { m.ProcessedAt, m.CreatedAt });
        // Pending rows in claim order: the claim (ORDER BY "CreatedAt", "Id" LIMIT n) reads them in order and stops; the index
        // above cannot give that order for "ProcessedAt" IS NULL, so PostgreSQL sorted every pending row per claim.
        builder.HasIndex(m => new { m.CreatedAt, m.Id }).HasFilter("\"ProcessedAt\" IS NULL");
    }
}
