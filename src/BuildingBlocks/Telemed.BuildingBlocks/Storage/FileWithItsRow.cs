namespace Telemed.BuildingBlocks.Storage;

/// <summary>A stored file and the database row that names it, kept together.</summary>
public static class FileWithItsRow
{
    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>, then runs <paramref name="saveRow"/> (the save of the row
    /// that names the file). If that save fails or is cancelled, the file is deleted again: retention and erasure find files
    /// through their rows, so a file no row names would be PHI kept for ever. Rethrows the save's exception.
    /// </summary>
    public static async Task SaveAsync(IFileStore files, string key, ReadOnlyMemory<byte> content, Func<Task> saveRow, CancellationToken ct)
    {
        await files.SaveAsync(key, content, ct);
        try
        {
            await saveRow();
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
    }
}
