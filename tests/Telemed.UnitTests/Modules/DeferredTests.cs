using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Telemed.BuildingBlocks.Modules;

namespace Telemed.UnitTests.Modules;

public sealed class DeferredTests
{
    private sealed class Heavy
    {
        public static int Built;

        public Heavy() => Interlocked.Increment(ref Built);
    }

    private sealed class Consumer(Deferred<Heavy> heavy)
    {
        public Heavy Use() => heavy.Value;
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddScoped(typeof(Deferred<>));
        services.AddScoped<Heavy>();
        services.AddScoped<Consumer>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public void Given_a_consumer_that_does_not_use_it_when_the_consumer_is_built_then_the_dependency_is_not()
    {
        Heavy.Built = 0;
        using var root = Services();
        using var scope = root.CreateScope();

        scope.ServiceProvider.GetRequiredService<Consumer>();

        Heavy.Built.ShouldBe(0);
    }

    [Fact]
    public void Given_a_consumer_uses_it_twice_then_it_is_built_once_and_is_the_scope_s_own_instance()
    {
        Heavy.Built = 0;
        using var root = Services();
        using var scope = root.CreateScope();
        var consumer = scope.ServiceProvider.GetRequiredService<Consumer>();

        var first = consumer.Use();
        var second = consumer.Use();

        first.ShouldBeSameAs(second);
        first.ShouldBeSameAs(scope.ServiceProvider.GetRequiredService<Heavy>());
        Heavy.Built.ShouldBe(1);
        using var other = root.CreateScope();
        other.ServiceProvider.GetRequiredService<Consumer>().Use().ShouldNotBeSameAs(first);
    }
}
