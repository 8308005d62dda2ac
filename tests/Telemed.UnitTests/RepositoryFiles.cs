namespace Telemed.UnitTests;

/// <summary>
/// The repository's own files, for tests that keep two sides in step (the server's codes and the web app's words, the source's
/// refusals and the audit catalogue): the root is the folder holding <c>Telemed.slnx</c> above the test's output.
/// </summary>
internal static class RepositoryFiles
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Telemed.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Telemed.slnx) was not found.");
    }

    /// <summary>A file under the root, by its path parts (<c>"web", "src", …</c>).</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    /// <summary>Every C# file of the server's source (<c>src/</c>), build output left out.</summary>
    public static IEnumerable<string> ServerSources() =>
        System.IO.Directory.EnumerateFiles(Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
