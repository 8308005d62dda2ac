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

    public int Skip => SkipOf(Page, PageSize);

    /// <summary>
    /// The rows before 1-based <paramref name="page"/> of <paramref name="pageSize"/> rows, computed without overflowing: page 2,147,483,647
    /// of 50 would wrap to a negative count, which LINQ and EF read as "skip nothing" and so answer page 1's rows under the last page's number.
    /// A page beyond <c>int</c>'s range skips everything (an empty page); a page below 1 skips nothing.
    /// </summary>
    public static int SkipOf(int page, int pageSize) => (int)Math.Clamp(((long)page - 1) * pageSize, 0, int.MaxValue);
}
