namespace Telemed.BuildingBlocks.Http;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    /// <summary>The last page anyone can ask for: beyond it <see cref="Skip"/> would overflow an <c>int</c> (and no list is that long).</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>Page 1 and 20 items unless asked otherwise; out-of-range values are clamped rather than refused, as a list UI expects.</summary>
    public static PageRequest From(int? page, int? pageSize) =>
        new(Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? 20, 1, MaxPageSize));

    public int Skip => (Page - 1) * PageSize;
}
