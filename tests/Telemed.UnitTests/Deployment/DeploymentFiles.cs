using YamlDotNet.RepresentationModel;

namespace Telemed.UnitTests.Deployment;

/// <summary>Reads the artefacts under <c>deploy/</c>: YAML documents, the Dockerfile's instructions, systemd and env files.</summary>
internal static class DeploymentFiles
{
    public static string Root() => RepositoryFiles.Root();

    public static string Deploy(params string[] parts) => Path.Combine([Root(), "deploy", .. parts]);

    /// <summary>Every document of a YAML file (a parse error throws).</summary>
    public static IReadOnlyList<YamlMappingNode> YamlDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    /// <summary>A mapping's entries by key, with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied as compose applies them.</summary>
    public static Dictionary<string, YamlNode> Entries(YamlNode node)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            return entries;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "<<" })
            {
                foreach (var (mergedKey, mergedValue) in Entries(value))
                {
                    entries.TryAdd(mergedKey, mergedValue);
                }
            }
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && name != "<<")
            {
                entries[name] = value;
            }
        }

        return entries;
    }

    public static YamlNode? At(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var part in path)
        {
            if (current is YamlSequenceNode sequence && int.TryParse(part, out var index))
            {
                current = index < sequence.Children.Count ? sequence.Children[index] : null;
            }
            else if (!Entries(current!).TryGetValue(part, out current))
            {
                return null;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public static string? Scalar(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>The compose file's <c>environment</c> of a service: a mapping or a list of <c>NAME=value</c>.</summary>
    public static Dictionary<string, string> Environment(YamlNode service)
    {
        var environment = At(service, "environment");
        return environment switch
        {
            YamlMappingNode => Entries(environment).ToDictionary(e => e.Key, e => (e.Value as YamlScalarNode)?.Value ?? ""),
            YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value!.Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
            _ => [],
        };
    }

    /// <summary>The Dockerfile's instructions, continuation lines joined, comments dropped: (INSTRUCTION, arguments).</summary>
    public static IReadOnlyList<(string Instruction, string Arguments)> DockerfileInstructions(string path)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var full = pending + line;
            pending = "";
            var space = full.IndexOf(' ');
            instructions.Add(space < 0 ? (full.ToUpperInvariant(), "") : (full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }

        return instructions;
    }

    /// <summary>
    /// The variables of a Dockerfile <c>ENV</c> instruction in its <c>NAME=value …</c> form (values here hold no spaces).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> DockerEnv(string arguments) =>
        arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Select(p => KeyValuePair.Create(p[0], p.Length > 1 ? p[1] : ""));

    /// <summary><c>NAME=value</c> lines of an environment file (systemd's EnvironmentFile, compose's .env).</summary>
    public static Dictionary<string, string> EnvFile(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    /// <summary>A systemd unit's <c>Key=value</c> lines per section (a key may repeat, e.g. <c>Environment=</c>).</summary>
    public static ILookup<string, string> UnitSection(string path, string section)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        string? current = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = line[1..^1];
            }
            else if (current == section && line.Length > 0 && !line.StartsWith('#') && line.Contains('='))
            {
                var parts = line.Split('=', 2);
                pairs.Add(KeyValuePair.Create(parts[0], parts[1]));
            }
        }

        return pairs.ToLookup(p => p.Key, p => p.Value);
    }

    /// <summary>The port of a URL such as <c>http://+:5080</c> or <c>http://127.0.0.1:5080/health/ready</c>.</summary>
    public static int PortOf(string url)
    {
        var afterScheme = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var authority = afterScheme.Split('/')[0];
        return int.Parse(authority[(authority.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The path of a URL (<c>/health/ready</c> of <c>http://127.0.0.1:5080/health/ready</c>).</summary>
    public static string PathOf(string url)
    {
        var afterScheme = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = afterScheme.IndexOf('/');
        return slash < 0 ? "/" : afterScheme[slash..];
    }
}
