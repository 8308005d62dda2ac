using Telemed.BuildingBlocks.Storage;

namespace Telemed.UnitTests.Storage;

public sealed class FileWithItsRowTests
{
    [Fact]
    public async Task Given_a_row_that_saves_Then_the_file_stays()
    {
        var files = new MemoryFiles();

        await FileWithItsRow.SaveAsync(files, "a/1", new byte[] { 1, 2, 3 }, () => Task.CompletedTask, CancellationToken.None);

        files.Keys.ShouldBe(["a/1"]);
    }

    [Fact]
    public async Task Given_a_row_whose_save_fails_Then_the_file_is_deleted_and_the_failure_is_rethrown()
    {
        var files = new MemoryFiles();

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() =>
            FileWithItsRow.SaveAsync(files, "a/2", new byte[] { 1 }, () => throw new InvalidOperationException("refused"), CancellationToken.None));

        thrown.Message.ShouldBe("refused");
        files.Keys.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_row_whose_save_is_cancelled_Then_the_file_is_deleted_though_the_token_is_cancelled()
    {
        var files = new MemoryFiles();
        using var cancelled = new CancellationTokenSource();

        await Should.ThrowAsync<OperationCanceledException>(() => FileWithItsRow.SaveAsync(files, "a/3", new byte[] { 1 }, async () =>
        {
            await cancelled.CancelAsync();
            cancelled.Token.ThrowIfCancellationRequested();
        }, cancelled.Token));

        files.Keys.ShouldBeEmpty();
    }

    /// <summary>A store in memory that refuses a cancelled token, as a real one does.</summary>
    private sealed class MemoryFiles : IFileStore
    {
        private readonly Dictionary<string, byte[]> _files = [];

        public IReadOnlyCollection<string> Keys => _files.Keys;

        public Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _files[key] = content.ToArray();
            return Task.CompletedTask;
        }

        public Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(_files.GetValueOrDefault(key));

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _files.Remove(key);
            return Task.CompletedTask;
        }
    }
}
