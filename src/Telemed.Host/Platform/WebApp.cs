using Microsoft.Extensions.FileProviders;

namespace Telemed.Host.Platform;

/// <summary>Serves the built React app (web/dist) and falls back to its index.html for client-side routes.</summary>
public static class WebApp
{
    private static string? Root(WebApplication app)
    {
        var configured = app.Configuration["WebApp:Path"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var wwwroot = Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        if (File.Exists(Path.Combine(wwwroot, "index.html")))
        {
            return wwwroot;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }

        return null;
    }

    public static void UseWebAppStaticFiles(this WebApplication app)
    {
        if (Root(app) is { } root)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) });
        }
    }

    public static void MapWebAppFallback(this WebApplication app)
    {
        var root = Root(app);
        if (root is null)
        {
            app.Logger.LogWarning("The web app is not built (web/dist missing): only the API is served.");
            return;
        }

        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) }).AllowAnonymous();
    }
}
