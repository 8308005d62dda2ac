using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;

namespace Telemed.UnitTests.Architecture;

/// <summary>Modules talk to each other only through their Contracts; nothing grants access to their internals.</summary>
public sealed class ModuleBoundaryTests
{
    // The host's catalog is the one list of modules: a new module is covered here without editing this test.
    private static readonly Assembly[] Modules = Telemed.Host.Platform.ModuleCatalog.All.Select(m => m.Assembly).ToArray();

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

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Given_a_module_Then_the_compiler_lets_it_reference_only_other_modules_contracts_projects(string moduleName)
    {
        var others = Modules.Select(m => m.GetName().Name!).Where(n => n != moduleName).ToHashSet();
        var references = Module(moduleName).GetReferencedAssemblies().Select(r => r.Name!);
        references.Where(others.Contains).ShouldBeEmpty();
    }

    [Fact]
    public void Given_the_catalog_Then_every_module_has_a_distinct_data_name_and_assembly()
    {
        var catalog = Telemed.Host.Platform.ModuleCatalog.All;
        catalog.Select(m => m.Name).ShouldBeUnique();
        catalog.Select(m => m.Assembly).ShouldBeUnique();
        catalog.ShouldAllBe(m => m.Name.Length > 0 && m.Name == m.Name.ToLowerInvariant());
    }

    [Fact]
    public void Given_the_module_graph_Then_dependencies_point_one_way()
    {
        static IEnumerable<string> References(Assembly a) => a.GetReferencedAssemblies().Select(r => r.Name!);

        References(Module("Telemed.Modules.Identity")).ShouldNotContain(r => r.StartsWith("Telemed.Modules.Directory", StringComparison.Ordinal));
        References(Module("Telemed.Modules.Notifications")).ShouldNotContain(r => r.StartsWith("Telemed.Modules.Identity", StringComparison.Ordinal));
        References(Module("Telemed.Modules.Audit")).ShouldAllBe(r => !r.StartsWith("Telemed.Modules.", StringComparison.Ordinal));
    }
}
