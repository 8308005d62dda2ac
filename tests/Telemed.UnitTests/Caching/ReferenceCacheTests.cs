using Telemed.BuildingBlocks.Caching;

namespace Telemed.UnitTests.Caching;

public sealed class ReferenceCacheTests
{
    [Fact]
    public async Task Given_a_loaded_value_Then_it_is_served_without_loading_again_until_cleared()
    {
        var cache = new ReferenceCache<int, string>(TimeSpan.FromMinutes(1));
        var loads = 0;

        (await cache.GetOrLoadAsync(1, () => Task.FromResult($"v{++loads}"))).ShouldBe("v1");
        (await cache.GetOrLoadAsync(1, () => Task.FromResult($"v{++loads}"))).ShouldBe("v1");
        cache.Clear();
        (await cache.GetOrLoadAsync(1, () => Task.FromResult($"v{++loads}"))).ShouldBe("v2");
    }

    [Fact]
    public async Task Given_a_load_that_started_before_a_clear_Then_its_old_result_is_not_kept()
    {
        var cache = new ReferenceCache<int, string>(TimeSpan.FromMinutes(1));
        var release = new TaskCompletionSource<string>();

        var slowRead = cache.GetOrLoadAsync(1, () => release.Task);   // a reader that read the rows before a writer committed
        cache.Clear();                                                 // the writer commits and clears
        release.SetResult("old");

        (await slowRead).ShouldBe("old");                              // the reader answers with what it read...
        cache.TryGet(1, out _).ShouldBeFalse();                        // ...but the cache does not keep it
    }

    [Fact]
    public async Task Given_an_expired_entry_Then_it_is_loaded_again()
    {
        var cache = new ReferenceCache<int, string>(TimeSpan.FromMilliseconds(1));
        await cache.GetOrLoadAsync(1, () => Task.FromResult("first"));
        await Task.Delay(20);

        cache.TryGet(1, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Given_a_result_the_caller_says_not_to_keep_Then_it_is_not_cached()
    {
        var cache = new ReferenceCache<int, string?>(TimeSpan.FromMinutes(1));

        await cache.GetOrLoadAsync(1, () => Task.FromResult<string?>(null), keep: v => v is not null);

        cache.TryGet(1, out _).ShouldBeFalse();
    }
}
