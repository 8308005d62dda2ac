using Microsoft.Data.Sqlite;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

public sealed class MultiRowInsertStatementsTests
{
    [Fact]
    public void Given_a_command_of_several_statements_Then_each_gets_only_the_parameters_it_names_and_its_placeholders_renumbered()
    {
        var a = new SqliteParameter("@q0r0c0", 1);
        var b = new SqliteParameter("@q0r0c1", 2);
        var c = new SqliteParameter("@eg0s0r0c0", 3);
        var text = "INSERT INTO t (x, y) VALUES (@q0r0c0, @q0r0c1);\nINSERT INTO u (z) VALUES (@eg0s0r0c0);\nINSERT INTO audit_entries (v, w) VALUES ({3}, {4}), ({5}, {3});\n";
        List<object?> parameters = [a, b, c, "first", null, 7];

        var statements = MultiRowInsert.Statements(text, parameters).ToList();

        statements.Count.ShouldBe(3);
        statements[0].Sql.ShouldBe("INSERT INTO t (x, y) VALUES (@q0r0c0, @q0r0c1);");
        statements[0].Parameters.ShouldBe([a, b]);
        statements[1].Parameters.ShouldBe([c]);
        statements[2].Sql.ShouldBe("INSERT INTO audit_entries (v, w) VALUES ({0}, {1}), ({2}, {0});");
        statements[2].Parameters.ShouldBe(["first", null, 7]);
    }

    [Fact]
    public void Given_a_name_that_starts_another_Then_the_statement_gets_the_exact_one()
    {
        var short_ = new SqliteParameter("@q1r1c1", 1);
        var long_ = new SqliteParameter("@q1r1c10", 2);

        var statements = MultiRowInsert.Statements("INSERT INTO t (x) VALUES (@q1r1c10);\n", [short_, long_]).ToList();

        statements.Single().Parameters.ShouldBe([long_]);
    }
}
