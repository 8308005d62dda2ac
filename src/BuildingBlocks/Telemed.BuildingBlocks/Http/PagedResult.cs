namespace Telemed.BuildingBlocks.Http;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    /// <summary>The last page anyone can ask for: beyond it <see cref="Skip"/> would overflow an <c>int</c> (and no list is that long).</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>The field message of a page number out of range.</summary>
    public static readonly string PageMessage = $"Pages are numbered from 1 to {MaxPage}.";

    /// <summary>The field message of a page size out of range.</summary>
    public static readonly string PageSizeMessage = $"A page holds 1 to {MaxPageSize} items.";

    /// <summary>
    /// The one paging rule of every list (docs/api-v1.md, "Paging"): <c>page</c> 1–<see cref="MaxPage"/>, <c>pageSize</c>
    /// 1–<see cref="MaxPageSize"/>, absent meaning the default. The field errors of <c>validation.failed</c> (keyed <c>page</c> and
    /// <c>pageSize</c>, naming the range), or null when both are fine. The host checks every list's query parameters with it
    /// before the handler runs; lists that read paging from a body check it in their validators with the same messages.
    /// </summary>
    public static Dictionary<string, string[]>? FieldErrors(int? page, int? pageSize)
    {
        Dictionary<string, string[]>? errors = null;
        if (page is < 1 or > MaxPage)
        {
            (errors ??= [])["page"] = [PageMessage];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            (errors ??= [])["pageSize"] = [PageSizeMessage];
        }

        return errors;
    }

    /// <summary>
    /// Page 1 and 20 items unless asked otherwise. Values out of range never get here (<see cref="FieldErrors"/> refused them); the
    /// clamp only keeps <see cref="Skip"/> safe for a caller that skipped the rule.
    /// </summary>
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
