using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telemed.Host.Platform;

namespace Telemed.UnitTests.Deployment;

/// <summary>
/// The configuration keys the host really reads, derived from the host itself (not a copy kept in the test): the
/// options classes bound from a <c>Section</c> (every settable property, nested objects, lists and dictionaries), the
/// <c>Setting</c> constants, the keys the source reads directly (<c>configuration["A:B"]</c>, <c>GetValue("A:B")</c>,
/// <c>GetSection("A:B")</c>), and the keys in <c>appsettings*.json</c>. Keys compare case-insensitively, as
/// configuration does. An environment name <c>A__B__C</c> is the key <c>A:B:C</c>.
/// </summary>
public sealed partial class HostConfigurationKeys
{
    /// <summary>
    /// Read by ASP.NET Core itself rather than by Telemed's code: the environment name, the forwarded-headers switch
    /// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, applied by the framework's start-up filter) and the HTTP ports the
    /// .NET container images set by default.
    /// </summary>
    public static readonly IReadOnlySet<string> FrameworkVariables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ASPNETCORE_HTTP_PORTS",
    };

    private readonly HashSet<string> exact = new(StringComparer.OrdinalIgnoreCase);

    // A key under one of these (a dictionary, a list, a section bound as a whole) is bound too: "Encryption:MasterKeys:" takes any id.
    private readonly HashSet<string> prefixes = new(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?:GetValue(?:<[^>]+>)?|GetSection|onfiguration\[)\(?""(?<key>[A-Za-z][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)+)""")]
    private static partial Regex ConfigurationRead();

    [GeneratedRegex("""const string Setting = "(?<key>[A-Za-z][A-Za-z0-9_:]*)";""")]
    private static partial Regex SettingConstant();

    public IReadOnlyCollection<string> Keys => exact;

    public static HostConfigurationKeys Load(string repositoryRoot)
    {
        var keys = new HostConfigurationKeys();
        keys.AddOptionsClasses();
        keys.AddSourceReads(repositoryRoot);
        keys.AddAppSettings(Path.Combine(repositoryRoot, "src", "Telemed.Host"));
        return keys;
    }

    /// <summary>Whether an environment variable name (<c>Section__Key</c> or a framework variable) is one the host reads.</summary>
    public bool BindsEnvironmentVariable(string name) =>
        FrameworkVariables.Contains(name) || Binds(name.Replace("__", ":", StringComparison.Ordinal));

    /// <summary>Whether a configuration key (<c>Section:Key</c>) is one the host reads.</summary>
    public bool Binds(string key) =>
        exact.Contains(key) || prefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase) && key.Length > p.Length);

    private void AddOptionsClasses()
    {
        var assemblies = ModuleCatalog.All.Select(m => m.Assembly)
            .Append(typeof(Telemed.BuildingBlocks.Data.DatabaseOptions).Assembly)
            .Append(typeof(ModuleCatalog).Assembly)
            .Distinct();
        const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", statics) is { IsLiteral: true } section && section.GetRawConstantValue() is string name)
            {
                AddType(name, type, depth: 0);
            }

            if (type.GetField("Setting", statics) is { IsLiteral: true } setting && setting.GetRawConstantValue() is string key)
            {
                exact.Add(key);
            }
        }
    }

    private void AddType(string path, Type type, int depth)
    {
        exact.Add(path);
        if (depth > 6)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var key = $"{path}:{property.Name}";
            if (IsScalar(propertyType))
            {
                // The binder sets only what it can write.
                if (property.CanWrite)
                {
                    exact.Add(key);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // Dictionaries take any key, lists any index: Encryption:MasterKeys:<id>, Consultations:Video:TurnUrls:<n>.
                exact.Add(key);
                prefixes.Add(key + ":");
            }
            else if (propertyType.IsClass)
            {
                AddType(key, propertyType, depth + 1);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private void AddSourceReads(string root)
    {
        var separator = Path.DirectorySeparatorChar;
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match read in ConfigurationRead().Matches(text))
            {
                var key = read.Groups["key"].Value;
                exact.Add(key);
                if (read.Value.StartsWith("GetSection", StringComparison.Ordinal))
                {
                    // A section bound as a whole (e.g. Logging:Console:FormatterOptions) takes whatever its binder reads.
                    prefixes.Add(key + ":");
                }
            }

            foreach (Match setting in SettingConstant().Matches(text))
            {
                exact.Add(setting.Groups["key"].Value);
            }
        }
    }

    private void AddAppSettings(string hostFolder)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(hostFolder, "appsettings*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            AddJson(null, document.RootElement);
        }
    }

    private void AddJson(string? path, JsonElement element)
    {
        if (path is not null)
        {
            exact.Add(path);
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                AddJson(path is null ? property.Name : $"{path}:{property.Name}", property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array && path is not null)
        {
            prefixes.Add(path + ":");
        }
    }
}
