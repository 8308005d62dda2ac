using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Telemed.Host.Platform;
using YamlDotNet.RepresentationModel;
using static Telemed.UnitTests.Deployment.DeploymentFiles;

namespace Telemed.UnitTests.Deployment;

/// <summary>
/// The deployment artefacts under <c>deploy/</c> (issue 15, item 3) cannot be run here (no Docker engine, no cluster), so
/// this checks what can be checked: every file parses (YAML, <c>nginx -t</c>, <c>systemd-analyze verify</c>), and their
/// environment names, ports, data paths, health URLs and hub paths agree with what the host really binds and maps.
/// </summary>
public sealed partial class DeploymentArtefactTests
{
    private static readonly string[] HostServices = ["telemed-1", "telemed-2", "telemed-3"];

    private static readonly Lazy<HostConfigurationKeys> Keys = new(() => HostConfigurationKeys.Load(Root()));

    [GeneratedRegex(@"location\s+(?<prefix>\S+)\s*\{(?<body>[^}]*)\}")]
    private static partial Regex NginxLocation();

    [GeneratedRegex(@"^\s*server\s+(?<host>[A-Za-z0-9_.-]+):(?<port>\d+)", RegexOptions.Multiline)]
    private static partial Regex NginxUpstreamServer();

    /// <summary>The port of the host's own configured address (appsettings.json <c>Urls</c>).</summary>
    private static int HostPort()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "src", "Telemed.Host", "appsettings.json")));
        return PortOf(settings.RootElement.GetProperty("Urls").GetString()!);
    }

    private static YamlMappingNode Compose() => YamlDocuments(Deploy("compose", "compose.yaml")).Single();

    private static Dictionary<string, YamlNode> ComposeServices() => Entries(At(Compose(), "services")!);

    private static IReadOnlyList<YamlMappingNode> Manifests() =>
        System.IO.Directory.EnumerateFiles(Deploy("kubernetes"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(YamlDocuments).ToList();

    private static YamlMappingNode Manifest(string kind) => Manifests().Single(m => Scalar(m, "kind") == kind);

    private static YamlNode Container() => Items(At(Manifest("Deployment"), "spec", "template", "spec", "containers")).Single();

    private static IReadOnlyList<(string Instruction, string Arguments)> Dockerfile() => DockerfileInstructions(Deploy("Dockerfile"));

    private static Dictionary<string, string> DockerfileEnv() =>
        Dockerfile().Where(i => i.Instruction == "ENV").SelectMany(i => DockerEnv(i.Arguments)).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Every_YAML_file_under_deploy_parses_and_every_Kubernetes_manifest_names_its_kind()
    {
        var files = System.IO.Directory.EnumerateFiles(Deploy(), "*.y*ml", SearchOption.AllDirectories).ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var file in files)
        {
            YamlDocuments(file).ShouldNotBeEmpty(file);
        }

        foreach (var manifest in Manifests())
        {
            Scalar(manifest, "apiVersion").ShouldNotBeNullOrEmpty();
            Scalar(manifest, "metadata", "name").ShouldNotBeNullOrEmpty($"{Scalar(manifest, "kind")} has no name");
        }

        foreach (var resource in Items(At(YamlDocuments(Deploy("kubernetes", "kustomization.yaml")).Single(), "resources")).OfType<YamlScalarNode>())
        {
            File.Exists(Deploy("kubernetes", resource.Value!)).ShouldBeTrue($"kustomization.yaml lists {resource.Value}, which does not exist");
        }
    }

    [Fact]
    public void The_environment_check_accepts_the_host_settings_and_refuses_misspelt_ones()
    {
        var keys = Keys.Value;
        keys.BindsEnvironmentVariable("Database__ConnectionString").ShouldBeTrue();
        keys.BindsEnvironmentVariable("Encryption__MasterKeys__mk7").ShouldBeTrue();
        keys.BindsEnvironmentVariable("Consultations__Video__TurnUrls__3").ShouldBeTrue();
        keys.BindsEnvironmentVariable("Storage__DataDirectory").ShouldBeTrue();
        keys.BindsEnvironmentVariable("App__PublicBaseUrl").ShouldBeTrue();

        keys.BindsEnvironmentVariable("Encryption__MasterKey").ShouldBeFalse();
        keys.BindsEnvironmentVariable("Database__Provder").ShouldBeFalse();
        keys.BindsEnvironmentVariable("Redis__ConnectionString").ShouldBeFalse();
        keys.BindsEnvironmentVariable("Consultations__Video__TurnSecrets").ShouldBeFalse();
        keys.BindsEnvironmentVariable("Encryption__MasterKeys").ShouldBeTrue();
    }

    [Fact]
    public void Every_environment_name_in_the_artefacts_is_a_setting_the_host_binds()
    {
        var names = new List<(string Where, string Name)>();
        names.AddRange(DockerfileEnv().Keys.Select(n => ("Dockerfile", n)));
        foreach (var service in HostServices)
        {
            names.AddRange(Environment(ComposeServices()[service]).Keys.Select(n => ($"compose {service}", n)));
        }

        names.AddRange(Entries(At(Manifest("ConfigMap"), "data")!).Keys.Select(n => ("ConfigMap", n)));
        names.AddRange(Entries(At(Manifest("Secret"), "stringData")!).Keys.Select(n => ("Secret", n)));
        names.AddRange(Items(At(Container(), "env")).Select(e => ("Deployment env", Scalar(e, "name")!)));
        names.AddRange(UnitSection(Deploy("systemd", "telemed.service"), "Service")["Environment"]
            .Select(v => ("telemed.service", v.Trim('"').Split('=', 2)[0])));
        names.AddRange(EnvFile(Deploy("systemd", "telemed.env.example")).Keys.Select(n => ("telemed.env.example", n)));

        names.Count.ShouldBeGreaterThan(40);
        var unknown = names.Where(n => !Keys.Value.BindsEnvironmentVariable(n.Name)).Select(n => $"{n.Where}: {n.Name}").ToList();
        unknown.ShouldBeEmpty("these names are no setting the host reads");
    }

    [Fact]
    public void Every_port_is_the_host_configured_port()
    {
        var port = HostPort();

        Dockerfile().Where(i => i.Instruction == "EXPOSE").Select(i => int.Parse(i.Arguments, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe([port]);
        PortOf(DockerfileEnv()["Urls"]).ShouldBe(port);
        PortOf(Dockerfile().Single(i => i.Instruction == "HEALTHCHECK").Arguments.Split(' ').Single(a => a.StartsWith("http", StringComparison.Ordinal))).ShouldBe(port);

        foreach (var service in HostServices)
        {
            var host = ComposeServices()[service];
            PortOf(Environment(host)["Urls"]).ShouldBe(port);
            Items(At(host, "expose")).OfType<YamlScalarNode>().Select(s => s.Value).ShouldBe([port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var upstreams = NginxUpstreamServer().Matches(File.ReadAllText(Deploy("compose", "nginx.conf")));
        upstreams.Select(m => m.Groups["host"].Value).ShouldBe(HostServices, ignoreOrder: true);
        upstreams.Select(m => int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ShouldBe([port]);

        PortOf(Scalar(Manifest("ConfigMap"), "data", "Urls")!).ShouldBe(port);
        Scalar(Container(), "ports", "0", "containerPort").ShouldBe(port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The single-server install keeps the host's default address (loopback, behind a local TLS proxy) unless it says otherwise.
        var unitUrls = UnitSection(Deploy("systemd", "telemed.service"), "Service")["Environment"].Where(v => v.StartsWith("Urls=", StringComparison.Ordinal))
            .Concat(EnvFile(Deploy("systemd", "telemed.env.example")).Where(e => e.Key == "Urls").Select(e => e.Value));
        unitUrls.Select(PortOf).ShouldAllBe(p => p == port);
    }

    [Fact]
    public void Health_checks_and_probes_use_the_host_health_routes()
    {
        var healthcheck = Dockerfile().Single(i => i.Instruction == "HEALTHCHECK").Arguments;
        PathOf(healthcheck.Split(' ').Single(a => a.StartsWith("http", StringComparison.Ordinal))).ShouldBe(HealthEndpoints.Ready);

        var container = Container();
        Scalar(container, "readinessProbe", "httpGet", "path").ShouldBe(HealthEndpoints.Ready);
        Scalar(container, "livenessProbe", "httpGet", "path").ShouldBe(HealthEndpoints.Live);
        Scalar(container, "startupProbe", "httpGet", "path").ShouldBe(HealthEndpoints.Live);

        // Every probe's port names the container's port.
        var portName = Scalar(container, "ports", "0", "name");
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Scalar(container, probe, "httpGet", "port").ShouldBe(portName, probe);
        }
    }

    [Fact]
    public void The_data_folder_is_the_same_volume_everywhere()
    {
        var dockerData = DockerfileEnv()["Storage__DataDirectory"];
        Dockerfile().Single(i => i.Instruction == "VOLUME").Arguments.ShouldBe(dockerData);

        foreach (var service in HostServices)
        {
            var host = ComposeServices()[service];
            var data = Environment(host)["Storage__DataDirectory"];
            // One named volume on every host: data-protection keys and files must be shared by all three.
            Items(At(host, "volumes")).OfType<YamlScalarNode>().Select(v => v.Value!.Split(':')).ShouldContain(v => v[0] == "telemed-data" && v[1] == data);
        }

        var dataPath = Scalar(Manifest("ConfigMap"), "data", "Storage__DataDirectory");
        var mount = Items(At(Container(), "volumeMounts")).Single(m => Scalar(m, "mountPath") == dataPath);
        var volume = Items(At(Manifest("Deployment"), "spec", "template", "spec", "volumes")).Single(v => Scalar(v, "name") == Scalar(mount, "name"));
        Scalar(volume, "persistentVolumeClaim", "claimName").ShouldBe(Scalar(Manifest("PersistentVolumeClaim"), "metadata", "name"));
        Items(At(Manifest("PersistentVolumeClaim"), "spec", "accessModes")).OfType<YamlScalarNode>().Select(s => s.Value).ShouldContain("ReadWriteMany");

        var unit = UnitSection(Deploy("systemd", "telemed.service"), "Service");
        var unitData = unit["Environment"].Single(v => v.StartsWith("Storage__DataDirectory=", StringComparison.Ordinal)).Split('=', 2)[1];
        unit["ReadWritePaths"].ShouldContain(unitData);
        ("/var/lib/" + unit["StateDirectory"].Single()).ShouldBe(unitData);
    }

    [Fact]
    public void The_image_is_multi_stage_non_root_and_carries_the_web_app_where_the_host_looks()
    {
        var instructions = Dockerfile();
        var stages = instructions.Where(i => i.Instruction == "FROM").Select(i => i.Arguments).ToList();
        stages.Count.ShouldBeGreaterThanOrEqualTo(3);
        stages[^1].ShouldStartWith("mcr.microsoft.com/dotnet/aspnet:10.0");

        var runs = instructions.Where(i => i.Instruction == "RUN").Select(i => i.Arguments).ToList();
        runs.ShouldContain(r => r.Contains("npm ci", StringComparison.Ordinal));
        runs.ShouldContain(r => r.Contains("npm run build", StringComparison.Ordinal));

        // The publish skips the MSBuild web build by the switch the host's project really has, and the built app lands
        // in the folder WebApp serves.
        var project = File.ReadAllText(Path.Combine(Root(), "src", "Telemed.Host", "Telemed.Host.csproj"));
        var publish = runs.Single(r => r.Contains("dotnet publish", StringComparison.Ordinal));
        publish.ShouldContain("src/Telemed.Host/Telemed.Host.csproj");
        foreach (var property in Regex.Matches(publish, @"-p:(?<name>\w+)=").Select(m => m.Groups["name"].Value))
        {
            project.ShouldContain($"$({property})", customMessage: $"the host's project has no {property} property");
        }

        File.ReadAllText(Path.Combine(Root(), "src", "Telemed.Host", "Platform", "WebApp.cs")).ShouldContain("\"wwwroot\"");
        instructions.ShouldContain(i => i.Instruction == "COPY" && i.Arguments.Contains("/web/dist", StringComparison.Ordinal) && i.Arguments.EndsWith("/wwwroot", StringComparison.Ordinal));

        // Everything the build copies from the repository exists.
        foreach (var copy in instructions.Where(i => i.Instruction == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            foreach (var source in copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            {
                Path.Exists(Path.Combine(Root(), source.TrimEnd('/'))).ShouldBeTrue($"COPY {source}: not in the repository");
            }
        }

        var user = instructions.Last(i => i.Instruction == "USER").Arguments;
        user.ShouldNotBeOneOf("root", "0", "0:0");
        // In the runtime stage: after the last FROM.
        var list = instructions.ToList();
        list.FindLastIndex(i => i.Instruction == "USER").ShouldBeGreaterThan(list.FindLastIndex(i => i.Instruction == "FROM"));

        var entrypoint = JsonSerializer.Deserialize<string[]>(instructions.Single(i => i.Instruction == "ENTRYPOINT").Arguments)!;
        entrypoint.ShouldBe(["dotnet", typeof(HealthEndpoints).Assembly.GetName().Name + ".dll"]);
    }

    [Fact]
    public void Compose_runs_three_hosts_behind_nginx_on_PostgreSQL_with_coturn_Redis_and_RabbitMQ()
    {
        var services = ComposeServices();
        foreach (var name in new[] { "postgres", "nginx", "coturn", "redis", "rabbitmq" })
        {
            services.ShouldContainKey(name);
        }

        foreach (var service in HostServices)
        {
            var host = services[service];
            Scalar(host, "build", "dockerfile").ShouldBe("deploy/Dockerfile");
            Path.GetFullPath(Path.Combine(Deploy("compose"), Scalar(host, "build", "context")!)).TrimEnd('/').ShouldBe(Root().TrimEnd('/'));
            Environment(host)["Database__Provider"].ShouldBe("Postgres");
            Environment(host)["Database__ConnectionString"].ShouldContain("Host=postgres;");
            Scalar(host, "depends_on", "postgres", "condition").ShouldBe("service_healthy");
            Scalar(services["nginx"], "depends_on", service, "condition").ShouldBe("service_healthy");
        }

        // Redis carries SignalR and the hosts' signals: always started, each host points at it and waits for it.
        At(services["redis"], "profiles").ShouldBeNull();
        var redisPort = Items(At(services["redis"], "expose")).OfType<YamlScalarNode>().Single().Value;
        foreach (var service in HostServices)
        {
            Environment(services[service])["Cluster__Redis"].ShouldBe($"redis:{redisPort}");
            Scalar(services[service], "depends_on", "redis", "condition").ShouldBe("service_started");
        }

        // RabbitMQ carries the events between the hosts: always started, each host points at it with its user and password.
        At(services["rabbitmq"], "profiles").ShouldBeNull();
        var rabbit = Environment(services["rabbitmq"]);
        foreach (var service in HostServices)
        {
            Environment(services[service])["Messaging__RabbitMq__ConnectionString"]
                .ShouldBe($"amqp://{rabbit["RABBITMQ_DEFAULT_USER"]}:{rabbit["RABBITMQ_DEFAULT_PASS"]}@rabbitmq:5672/");
        }

        // coturn's secret is the one the hosts mint TURN credentials with.
        var turnArgs = Items(At(services["coturn"], "command")).OfType<YamlScalarNode>().Select(s => s.Value!).ToList();
        turnArgs.ShouldContain("--static-auth-secret=" + Environment(services["telemed-1"])["Consultations__Video__TurnSecret"]);

        var nginxMount = Items(At(services["nginx"], "volumes")).OfType<YamlScalarNode>().Single().Value!.Split(':');
        File.Exists(Path.Combine(Deploy("compose"), nginxMount[0])).ShouldBeTrue();
    }

    [Fact]
    public void Nginx_config_passes_nginx_t_and_upgrades_WebSockets_on_every_hub()
    {
        var config = File.ReadAllText(Deploy("compose", "nginx.conf"));
        var locations = NginxLocation().Matches(config).ToDictionary(m => m.Groups["prefix"].Value, m => m.Groups["body"].Value);

        var hubPaths = ModuleCatalog.All.Select(m => m.Assembly).SelectMany(a => a.GetTypes())
            .Where(t => typeof(Hub).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.GetField("Path", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string)
            .ToList();
        hubPaths.Count.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var hub in hubPaths)
        {
            hub.ShouldNotBeNull("every hub keeps its route in a Path constant");
            var location = locations.Where(l => hub.StartsWith(l.Key, StringComparison.Ordinal)).MaxBy(l => l.Key.Length);
            location.Value.ShouldNotBeNull($"no location serves {hub}");
            location.Value.ShouldContain("proxy_set_header Upgrade $http_upgrade;", customMessage: $"{hub} is not upgraded to a WebSocket");
            location.Value.ShouldContain("proxy_set_header Connection $connection_upgrade;");
            location.Value.ShouldContain("proxy_set_header X-Forwarded-For $remote_addr;", customMessage: $"{hub}: the client's address is lost");
        }

        // nginx resolves upstream names when it loads a config: point the compose service names at loopback for the check.
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);
        nginx.ShouldNotBeNull("nginx is not installed (scripts/test.sh installs Debian's nginx)");
        var dir = System.IO.Directory.CreateTempSubdirectory("telemed-nginx-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "site.conf"), NginxUpstreamServer().Replace(config, m => $"    server 127.0.0.1:{m.Groups["port"].Value}"));
            File.WriteAllText(Path.Combine(dir.FullName, "nginx.conf"), $"events {{}}\nhttp {{\n    include {Path.Combine(dir.FullName, "site.conf")};\n}}\n");
            var (exit, output) = Run(nginx, "-t", "-c", Path.Combine(dir.FullName, "nginx.conf"), "-p", dir.FullName,
                "-g", $"pid {Path.Combine(dir.FullName, "nginx.pid")}; error_log {Path.Combine(dir.FullName, "error.log")};");
            exit.ShouldBe(0, output);
            output.ShouldContain("test is successful");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Kubernetes_manifests_fit_together()
    {
        var deployment = Manifest("Deployment");
        var podLabels = Entries(At(deployment, "spec", "template", "metadata", "labels")!).ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value);
        bool SelectsPods(YamlNode? selector) =>
            selector is not null && Entries(selector).All(e => podLabels.TryGetValue(e.Key, out var v) && v == ((YamlScalarNode)e.Value).Value);

        SelectsPods(At(deployment, "spec", "selector", "matchLabels")).ShouldBeTrue();
        SelectsPods(At(Manifest("Service"), "spec", "selector")).ShouldBeTrue("the Service selects no pod");
        SelectsPods(At(Manifest("PodDisruptionBudget"), "spec", "selector", "matchLabels")).ShouldBeTrue("the PodDisruptionBudget covers no pod");

        var container = Container();
        Scalar(Manifest("Service"), "spec", "ports", "0", "targetPort").ShouldBe(Scalar(container, "ports", "0", "name"));
        var backend = At(Manifest("Ingress"), "spec", "rules", "0", "http", "paths", "0", "backend", "service")!;
        Scalar(backend, "name").ShouldBe(Scalar(Manifest("Service"), "metadata", "name"));
        Scalar(backend, "port", "name").ShouldBe(Scalar(Manifest("Service"), "spec", "ports", "0", "name"));
        // SignalR's negotiate and the connection that follows must reach the same pod.
        Scalar(Manifest("Ingress"), "metadata", "annotations", "nginx.ingress.kubernetes.io/affinity").ShouldBe("cookie");

        var hpa = Manifest("HorizontalPodAutoscaler");
        Scalar(hpa, "spec", "scaleTargetRef", "kind").ShouldBe("Deployment");
        Scalar(hpa, "spec", "scaleTargetRef", "name").ShouldBe(Scalar(deployment, "metadata", "name"));
        int.Parse(Scalar(hpa, "spec", "minReplicas")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(2);

        // The pod reads the ConfigMap and the Secret these files define; the Secret carries the encryption keys.
        var sources = Items(At(container, "envFrom")).ToList();
        sources.ShouldContain(s => Scalar(s, "configMapRef", "name") == Scalar(Manifest("ConfigMap"), "metadata", "name"));
        sources.ShouldContain(s => Scalar(s, "secretRef", "name") == Scalar(Manifest("Secret"), "metadata", "name"));
        var secretKeys = Entries(At(Manifest("Secret"), "stringData")!).Keys.ToList();
        secretKeys.ShouldContain(k => k.StartsWith("Encryption__MasterKeys__", StringComparison.Ordinal));
        secretKeys.ShouldContain("Encryption__BlindIndexKey");
        secretKeys.ShouldContain("Database__ConnectionString");
        Entries(At(Manifest("ConfigMap"), "data")!).Keys.ShouldNotContain(k => k.StartsWith("Encryption__MasterKeys__", StringComparison.Ordinal) || k == "Encryption__BlindIndexKey");
        var activeKey = Scalar(Manifest("ConfigMap"), "data", "Encryption__ActiveMasterKeyId");
        secretKeys.ShouldContain("Encryption__MasterKeys__" + activeKey);

        Scalar(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot").ShouldBe("true");
        Scalar(container, "securityContext", "allowPrivilegeEscalation").ShouldBe("false");
    }

    [Fact]
    public void The_systemd_unit_verifies_and_is_hardened()
    {
        var unit = Deploy("systemd", "telemed.service");
        var service = UnitSection(unit, "Service");
        service["User"].Single().ShouldNotBeOneOf("root", "0");
        service["ProtectSystem"].Single().ShouldBe("strict");
        service["NoNewPrivileges"].Single().ShouldBe("yes");
        service["EnvironmentFile"].ShouldNotBeEmpty();
        service["ExecStart"].Single().ShouldEndWith("/" + typeof(HealthEndpoints).Assembly.GetName().Name + ".dll");

        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        analyze.ShouldNotBeNull("systemd-analyze is not installed (Debian's systemd package)");
        var (exit, output) = Run(analyze, "verify", unit);
        exit.ShouldBe(0, output);
        // verify warns about unknown keys or bad values but still exits 0: any line about the unit is a failure.
        output.ShouldNotContain("telemed.service");
    }

    private static (int Exit, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 60 s.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
