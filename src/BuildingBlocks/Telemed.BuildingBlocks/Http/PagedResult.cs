namespace Telemed.BuildingBlocks.Http;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    public static PageRequest From(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, MaxPageSize));

    public int Skip => (Page - 1) * PageSize;
}
