using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Telemed.BuildingBlocks.Security;

public static class EncryptionModelExtensions
{
    private const string Annotation = "Telemed:Encrypted";

    /// <summary>Marks a property as PHI to be stored encrypted (any JSON-serialisable type).</summary>
    public static PropertyBuilder<T> IsEncrypted<T>(this PropertyBuilder<T> property)
    {
        property.HasAnnotation(Annotation, true);
        return property;
    }

    internal static void ApplyFieldEncryption(this ModelBuilder modelBuilder, FieldEncryption encryption)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties().Where(p => p.FindAnnotation(Annotation) is not null))
            {
                var purpose = $"{entity.ClrType.Name}.{property.Name}";
                var clrType = property.ClrType;
                var converterType = typeof(EncryptedConverter<>).MakeGenericType(clrType);
                property.SetValueConverter((ValueConverter)Activator.CreateInstance(converterType, encryption, purpose)!);
                if (clrType.IsGenericType && clrType.GetGenericTypeDefinition() == typeof(List<>))
                {
                    property.SetValueComparer((ValueComparer)Activator.CreateInstance(typeof(JsonValueComparer<>).MakeGenericType(clrType))!);
                }
            }
        }
    }

    private sealed class EncryptedConverter<T>(FieldEncryption encryption, string purpose) : ValueConverter<T, string>(
        value => encryption.Encrypt(JsonSerializer.Serialize(value, (JsonSerializerOptions?)null), purpose),
        stored => JsonSerializer.Deserialize<T>(encryption.Decrypt(stored, purpose), (JsonSerializerOptions?)null)!);

    private sealed class JsonValueComparer<T>() : ValueComparer<T>(
        (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, (JsonSerializerOptions?)null), (JsonSerializerOptions?)null)!);
}
