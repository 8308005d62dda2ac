using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using System.Text.Json.Serialization.Metadata;

namespace Telemed.Host.Platform;

/// <summary>
/// The OpenAPI document's schema ids. ASP.NET Core names a schema by the CLR type's simple name, so two types of one name in two
/// modules share one schema and the document describes one of them under both: <c>POST /pharmacist/prescriptions/{id}/dispense</c>
/// was documented with the clinical module's <c>DispenseRequest</c> (<c>quantity</c>, <c>numberOfRepeatsAllowed</c>), not the
/// pharmacy's (<c>quantity</c>, <c>verificationCode</c>) the endpoint reads. Every simple name that public types of different shapes
/// in Telemed's assemblies carry is prefixed with its module's name (<c>PharmacyDispenseRequest</c>, <c>ClinicalDispenseRequest</c>);
/// other names stay as they are, so the ids do not depend on which endpoint is described first.
/// </summary>
internal static class SchemaIds
{
    private static readonly Lazy<HashSet<string>> Shared = new(SharedNames);

    /// <summary>The schema id of <paramref name="type"/>: the default one, or, for a shared name, the module's name and the default one.</summary>
    public static string? For(JsonTypeInfo type)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        if (id is null || !Shared.Value.Contains(type.Type.Name))
        {
            return id;
        }

        return ModuleOf(type.Type) + id;
    }

    /// <summary>The module a type belongs to, from its namespace: <c>Telemed.Modules.Pharmacy.…</c> → <c>Pharmacy</c>; else <c>Host</c> or <c>Shared</c>.</summary>
    internal static string ModuleOf(Type type) => type.Namespace?.Split('.') switch
    {
        ["Telemed", "Modules", var module, ..] => module,
        ["Telemed", "BuildingBlocks", ..] => "Shared",
        _ => "Host",
    };

    /// <summary>Simple names (generic arity included) that more than one public type of the host's, the modules' and their contracts' assemblies carry.</summary>
    internal static HashSet<string> SharedNames()
    {
        var assemblies = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        void Add(Assembly assembly)
        {
            if (assembly.GetName().Name is { } name && name.StartsWith("Telemed.", StringComparison.Ordinal) && assemblies.TryAdd(name, assembly))
            {
                foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name?.StartsWith("Telemed.", StringComparison.Ordinal) == true))
                {
                    Add(Assembly.Load(reference));
                }
            }
        }

        Add(typeof(SchemaIds).Assembly);
        foreach (var module in ModuleCatalog.All)
        {
            Add(module.GetType().Assembly);
        }

        // Types of one name and one shape (the directory's and billing's Money: amount in minor units and currency) are one schema.
        return [.. assemblies.Values.SelectMany(a => a.GetExportedTypes()).GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Select(Shape).Distinct(StringComparer.Ordinal).Count() > 1).Select(g => g.Key)];
    }

    /// <summary>A type's JSON shape for comparison: its public instance properties' names and types, in name order.</summary>
    private static string Shape(Type type) => type.IsEnum
        ? string.Join(",", Enum.GetNames(type).Order(StringComparer.Ordinal))
        : string.Join(",", type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}:{p.PropertyType.FullName}"));
}
