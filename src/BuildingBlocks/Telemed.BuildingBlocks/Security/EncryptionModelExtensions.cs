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

    /// <summary>
    /// Gives every property marked <see cref="IsEncrypted{T}"/> a converter that encrypts it as JSON. The converter holds no
    /// host's keys (the model is shared between hosts): <see cref="FieldEncryptionRouting"/> finds them.
    /// </summary>
    internal static void ApplyFieldEncryption(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties().Where(p => p.FindAnnotation(Annotation) is not null))
            {
                var purpose = $"{entity.ClrType.Name}.{property.Name}";
                var clrType = property.ClrType;
                var converterType = typeof(EncryptedConverter<>).MakeGenericType(clrType);
                property.SetValueConverter((ValueConverter)Activator.CreateInstance(converterType, purpose)!);
                if (clrType.IsGenericType && clrType.GetGenericTypeDefinition() == typeof(List<>))
                {
                    property.SetValueComparer((ValueComparer)Activator.CreateInstance(typeof(JsonValueComparer<>).MakeGenericType(clrType))!);
                }
            }
        }
    }

    private sealed class EncryptedConverter<T>(string purpose) : ValueConverter<T, string>(
        value => FieldEncryptionRouting.ForEncrypting().Encrypt(JsonSerializer.Serialize(value, (JsonSerializerOptions?)null), purpose),
        stored => JsonSerializer.Deserialize<T>(FieldEncryptionRouting.ForDecrypting(FieldEncryption.KeyIdOf(stored)).Decrypt(stored, purpose), (JsonSerializerOptions?)null)!);

    private sealed class JsonValueComparer<T>() : ValueComparer<T>(
        (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, (JsonSerializerOptions?)null), (JsonSerializerOptions?)null)!);
}
