using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// How a one-command save's statements become ONE PostgreSQL statement with positional parameters
/// (<see cref="PostgresOneStatement"/>); what they do on a real database is covered by the integration tests' one-command parity
/// scenarios, which now run through it.
/// </summary>
public sealed class PostgresOneStatementTests
{
    [Fact]
    public void Given_inserts_and_a_checked_update_Then_they_are_parts_of_one_statement_and_the_check_its_select()
    {
        using var db = new Probe();
        var parameters = new List<object?> { Named("@a0"), Named("@a1"), Named("@b0"), Named("@u0p0"), Named("@u0p1") };
        var text = """
            INSERT INTO s."a" ("X", "Y") VALUES (@a0, @a1);
            INSERT INTO s."b" ("Z") VALUES (@b0);
            WITH changed AS (UPDATE s."c" SET "N" = @u0p0 WHERE "Id" = @u0p1 RETURNING 1) SELECT 1 / count(*) FROM changed;

            """.Replace("\r\n", "\n");

        var (sql, bound) = PostgresOneStatement.TryBuild(db, text, parameters).ShouldNotBeNull();

        sql.ShouldBe("""WITH s0 AS (INSERT INTO s."a" ("X", "Y") VALUES ($1, $2)), s1 AS (INSERT INTO s."b" ("Z") VALUES ($3)), """
            + """u0 AS (UPDATE s."c" SET "N" = $4 WHERE "Id" = $5 RETURNING 1) SELECT 1 / (SELECT count(*) FROM u0)""");
        bound.ShouldBe(parameters.Cast<DbParameter>().ToArray());
        bound.ShouldAllBe(p => p.ParameterName == "");
    }

    [Fact]
    public void Given_one_insert_Then_it_is_sent_alone_and_values_for_numbered_placeholders_get_typed_parameters()
    {
        using var db = new Probe();
        var at = new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);
        var id = Guid.NewGuid();
        var parameters = new List<object?> { Named("@r0c0"), at, null, id };

        var (sql, bound) = PostgresOneStatement.TryBuild(db, "INSERT INTO t (\"A\", \"B\", \"C\", \"D\") VALUES (@r0c0, {1}, {2}, {3});\n", parameters).ShouldNotBeNull();

        sql.ShouldBe("INSERT INTO t (\"A\", \"B\", \"C\", \"D\") VALUES ($1, $2, $3, $4)");
        bound[0].ShouldBeSameAs(parameters[0]);
        bound[1].Value.ShouldBe(at);
        bound[2].Value.ShouldBe(DBNull.Value);
        bound[3].Value.ShouldBe(id);
        bound.ShouldAllBe(p => p.ParameterName == "");
    }

    [Fact]
    public void Given_a_grouped_update_and_parameters_out_of_order_Then_each_is_numbered_where_it_is_first_used()
    {
        using var db = new Probe();
        var parameters = new List<object?> { Named("@x1"), Named("@x0") };

        var (sql, bound) = PostgresOneStatement.TryBuild(db,
            "WITH changed AS (UPDATE t AS target SET \"A\" = v.s0 FROM (VALUES (@x0::int), (@x1::int)) AS v(s0) WHERE target.\"A\" = v.s0 RETURNING 1) SELECT 1 / (count(*) = 2)::int FROM changed;\n",
            parameters).ShouldNotBeNull();

        sql.ShouldBe("WITH u0 AS (UPDATE t AS target SET \"A\" = v.s0 FROM (VALUES ($1::int), ($2::int)) AS v(s0) WHERE target.\"A\" = v.s0 RETURNING 1) "
            + "SELECT 1 / ((SELECT count(*) FROM u0) = 2)::int");
        bound.ShouldBe([(DbParameter)parameters[1]!, (DbParameter)parameters[0]!]);
    }

    [Fact]
    public void Given_unnamed_parameters_at_numbered_placeholders_as_the_builders_write_them_Then_each_is_its_position()
    {
        using var db = new Probe();
        var parameters = new List<object?> { new NpgsqlParameter { Value = 1 }, new NpgsqlParameter { Value = 2 }, new NpgsqlParameter { Value = 3 } };

        var (sql, bound) = PostgresOneStatement.TryBuild(db, "INSERT INTO t (\"A\", \"B\") VALUES ({0}, {1});\nINSERT INTO u (\"C\") VALUES ({2});\n", parameters)
            .ShouldNotBeNull();

        sql.ShouldBe("WITH s0 AS (INSERT INTO t (\"A\", \"B\") VALUES ($1, $2)) INSERT INTO u (\"C\") VALUES ($3)");
        bound.ShouldBe(parameters.Cast<DbParameter>().ToArray());
    }

    [Fact]
    public void Given_inserts_and_a_guard_Then_the_inserts_are_parts_and_the_guard_a_column_of_the_final_select()
    {
        using var db = new Probe();
        var parameters = new List<object?> { new NpgsqlParameter { Value = 1 }, new NpgsqlParameter { Value = 2 }, new NpgsqlParameter { Value = "Waiting" } };
        var text = "INSERT INTO t (\"A\") VALUES ({0});\n"
            + SaveGuard.Head + "s.\"w\" WHERE \"P\" = {1} AND \"S\" = {2} LIMIT 1));\n"
            + "INSERT INTO u (\"C\") VALUES ({0});\n";

        var (sql, bound) = PostgresOneStatement.TryBuild(db, text, parameters).ShouldNotBeNull();

        // The last INSERT is a part too: the statement ends with the SELECT whose scalar subquery refuses the whole of it.
        sql.ShouldBe("WITH s0 AS (INSERT INTO t (\"A\") VALUES ($1)), s1 AS (INSERT INTO u (\"C\") VALUES ($1)) "
            + "SELECT (SELECT 1 UNION ALL (SELECT 1 FROM s.\"w\" WHERE \"P\" = $2 AND \"S\" = $3 LIMIT 1))");
        bound.ShouldBe(parameters.Cast<DbParameter>().ToArray());
    }

    [Fact]
    public void Given_a_checked_update_and_a_guard_Then_both_are_columns_of_the_final_select()
    {
        using var db = new Probe();
        var parameters = new List<object?> { new NpgsqlParameter { Value = 1 }, new NpgsqlParameter { Value = 2 } };
        var text = "WITH changed AS (UPDATE t SET \"N\" = {0} WHERE \"Id\" = {1} RETURNING 1) SELECT 1 / count(*) FROM changed;\n"
            + SaveGuard.Head + "w WHERE \"P\" = {1} LIMIT 1));\n";

        var (sql, _) = PostgresOneStatement.TryBuild(db, text, parameters).ShouldNotBeNull();

        sql.ShouldBe("WITH u0 AS (UPDATE t SET \"N\" = $1 WHERE \"Id\" = $2 RETURNING 1) "
            + "SELECT 1 / (SELECT count(*) FROM u0), (SELECT 1 UNION ALL (SELECT 1 FROM w WHERE \"P\" = $2 LIMIT 1))");
    }

    [Theory]
    [InlineData("INSERT INTO t (\"A\") VALUES ('literal');\n")]
    [InlineData("DELETE FROM t WHERE \"A\" = @a0;\n")]
    [InlineData("INSERT INTO t (\"A\") VALUES ($1);\n")]
    [InlineData("INSERT INTO t (\"A\") VALUES (@unknown);\n")]
    [InlineData("WITH changed AS (UPDATE t SET \"A\" = @a0 RETURNING 1) SELECT 1 FROM changed;\n")]
    public void Given_anything_but_the_builders_statements_Then_it_is_left_to_EF_Cores_raw_SQL_with_its_names_untouched(string text)
    {
        using var db = new Probe();
        var parameter = Named("@a0");

        PostgresOneStatement.TryBuild(db, text, [parameter]).ShouldBeNull();
        parameter.ParameterName.ShouldBe("@a0");
    }

    [Theory]
    [InlineData(30_000, true)]
    [InlineData(30_001, false)]
    public void Given_more_parameters_than_one_statement_takes_Then_the_statements_are_left_as_they_are(int count, bool combined)
    {
        using var db = new Probe();
        var parameters = Enumerable.Range(0, count).Select(i => (object?)new NpgsqlParameter { Value = i }).ToList();
        var half = count / 2;
        var text = "INSERT INTO t (\"A\") VALUES " + string.Join(", ", Enumerable.Range(0, half).Select(i => $"({{{i}}})")) + ";\n"
            + "INSERT INTO t (\"A\") VALUES " + string.Join(", ", Enumerable.Range(half, count - half).Select(i => $"({{{i}}})")) + ";\n";

        var statement = PostgresOneStatement.TryBuild(db, text, parameters);

        (statement is not null).ShouldBe(combined);
        if (statement is { } built)
        {
            built.Parameters.Length.ShouldBe(count);
            built.Sql.ShouldEndWith($"(${count})");
        }
    }

    private static NpgsqlParameter Named(string name) => new(name, Guid.NewGuid());

    private sealed class Probe : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseNpgsql("Host=unused");
    }
}
