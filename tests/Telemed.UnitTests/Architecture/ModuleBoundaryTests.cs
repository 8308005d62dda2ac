using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;

namespace Telemed.UnitTests.Architecture;

/// <summary>Modules talk to each other only through their Contracts; nothing grants access to their internals.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly[] Modules =
    [
        typeof(Telemed.Modules.Identity.IdentityModule).Assembly,
        typeof(Telemed.Modules.Directory.DirectoryModule).Assembly,
        typeof(Telemed.Modules.Audit.AuditModule).Assembly,
        typeof(Telemed.Modules.Notifications.NotificationsModule).Assembly,
        typeof(Telemed.Modules.Scheduling.SchedulingModule).Assembly,
        typeof(Telemed.Modules.Consultations.ConsultationsModule).Assembly,
    ];

    public static TheoryData<string> ModuleNames() => new(Modules.Select(m => m.GetName().Name!));

    private static Assembly Module(string name) => Modules.Single(m => m.GetName().Name == name);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Given_a_module_Then_it_uses_nothing_of_another_module_but_its_contracts(string moduleName)
    {
        var others = Modules.Select(m => m.GetName().Name!).Where(n => n != moduleName).ToHashSet();
        using var stream = File.OpenRead(Module(moduleName).Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();

        var violations = new List<string>();
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            var scope = type.ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            if (scope.Kind != HandleKind.AssemblyReference)
            {
                continue;
            }

            var target = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
            var ns = reader.GetString(type.Namespace);
            if (others.Contains(target) && !ns.EndsWith(".Contracts", StringComparison.Ordinal))
            {
                violations.Add($"{target}: {ns}.{reader.GetString(type.Name)}");
            }
        }

        violations.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Given_a_module_Then_only_test_assemblies_see_its_internals(string moduleName)
    {
        var friends = Module(moduleName).GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);
        friends.ShouldAllBe(f => f.EndsWith("Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_module_graph_Then_dependencies_point_one_way()
    {
        static IEnumerable<string> References(Assembly a) => a.GetReferencedAssemblies().Select(r => r.Name!);

        References(Module("Telemed.Modules.Identity")).ShouldNotContain("Telemed.Modules.Directory");
        References(Module("Telemed.Modules.Notifications")).ShouldNotContain("Telemed.Modules.Identity");
        References(Module("Telemed.Modules.Audit")).ShouldAllBe(r => !r.StartsWith("Telemed.Modules.", StringComparison.Ordinal));
    }
}
