using System.Reflection;

namespace Telemed.BuildingBlocks.Data.Migrations;

/// <summary>
/// A module's versioned SQL migrations, embedded as resources named
/// <c>Migrations/{Sqlite|Postgres}/NNNN_description.sql</c> in the module's assembly.
/// </summary>
public sealed record ModuleMigrations(string ModuleName, Type ContextType, Assembly Assembly)
{
    public IReadOnlyList<MigrationScript> ScriptsFor(DatabaseProvider provider)
    {
        var marker = $".Migrations.{provider}.";
        return Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var fileName = n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^4];
                using var stream = Assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new MigrationScript(fileName.TrimStart('_'), reader.ReadToEnd());
            })
            .OrderBy(s => s.Version, StringComparer.Ordinal)
            .ToList();
    }
}

public sealed record MigrationScript(string Version, string Sql);
