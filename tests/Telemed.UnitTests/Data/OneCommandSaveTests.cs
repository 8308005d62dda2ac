using System.Text;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// Which saves go to PostgreSQL as one command (<see cref="OneCommandSave"/>): new rows whose every column the change tracker
/// holds, principals before dependents, and changed rows that no insert can depend on or collide with. Anything else keeps
/// EF Core's own path.
/// </summary>
public sealed class OneCommandSaveTests
{
    [Fact]
    public void Given_new_rows_of_a_dependent_added_first_Then_the_principal_type_is_inserted_first()
    {
        using var db = new ShapesContext();
        var order = new Order { Id = Guid.NewGuid() };
        db.Add(new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id });
        db.Add(new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id });
        db.Add(order);

        var plan = OneCommandSave.For(db);

        plan.ShouldNotBeNull();
        plan.Inserts.Select(g => g.Type.ClrType).ShouldBe([typeof(Order), typeof(OrderLine)]);
        plan.Inserts[1].Rows.Count.ShouldBe(2);
        plan.Rows.ShouldBe(3);
    }

    [Fact]
    public void Given_a_changed_plain_column_Then_its_row_is_updated_by_key_and_concurrency_token_and_a_missing_row_fails_the_command()
    {
        using var db = new ShapesContext();
        var order = new Order { Id = Guid.NewGuid(), Version = 3 };
        db.Attach(order);
        order.Note = "changed";
        order.Version = 4;
        db.Add(new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id });

        var plan = OneCommandSave.For(db).ShouldNotBeNull();
        var text = new StringBuilder();
        var parameters = new List<object?>();
        OneCommandSave.Append(db, plan, text, parameters, "t");

        plan.Updates.Count.ShouldBe(1);
        var sql = text.ToString();
        sql.IndexOf("INSERT INTO", StringComparison.Ordinal).ShouldBeLessThan(sql.IndexOf("UPDATE", StringComparison.Ordinal));
        // PostgreSQL: unnamed parameters at numbered placeholders, the UPDATE's four after the INSERT's.
        var first = parameters.Count - 4;
        sql.ShouldContain($"SET \"Note\" = {{{first}}}, \"Version\" = {{{first + 1}}} WHERE \"Id\" = {{{first + 2}}} AND \"Version\" = {{{first + 3}}}");
        sql.ShouldContain("SELECT 1 / count(*) FROM changed");
        parameters.ShouldAllBe(p => p is System.Data.Common.DbParameter && ((System.Data.Common.DbParameter)p).ParameterName == "");
        ((System.Data.Common.DbParameter)parameters[first + 3]!).Value.ShouldBe(3);
        ((System.Data.Common.DbParameter)parameters[first]!).Value.ShouldBe("changed");
    }

    [Fact]
    public void Given_rows_of_one_table_with_the_same_changed_columns_Then_they_are_one_UPDATE_that_fails_unless_it_finds_every_row()
    {
        using var db = new ShapesContext();
        var orders = Enumerable.Range(0, 3).Select(i => new Order { Id = Guid.NewGuid(), Version = i }).ToList();
        db.AttachRange(orders);
        foreach (var order in orders)
        {
            order.Note = "changed";
            order.Version++;
        }

        var noteOnly = new Order { Id = Guid.NewGuid(), Version = 7 };
        db.Attach(noteOnly);
        noteOnly.Note = "only the note";

        var plan = OneCommandSave.For(db).ShouldNotBeNull();
        var text = new StringBuilder();
        var parameters = new List<object?>();
        OneCommandSave.Append(db, plan, text, parameters, "t");

        var statements = text.ToString().Split(";\n", StringSplitOptions.RemoveEmptyEntries);
        statements.Length.ShouldBe(2, text.ToString());
        // PostgreSQL: one array per column (changed values, then the keys and tokens that find each row), not one value each.
        var grouped = statements.Single(s => s.Contains("unnest", StringComparison.Ordinal));
        grouped.ShouldContain("AS target SET \"Note\" = v.s0, \"Version\" = v.s1 FROM unnest({");
        grouped.ShouldContain("AS v(s0, s1, w0, w1) WHERE target.\"Id\" = v.w0 AND target.\"Version\" = v.w1");
        grouped.ShouldContain("SELECT 1 / (count(*) = 3)::int FROM changed");
        statements.Single(s => !s.Contains("unnest", StringComparison.Ordinal)).ShouldContain("SET \"Note\" = {");
        var arrays = parameters.OfType<Npgsql.NpgsqlParameter>().Where((p, i) => grouped.Contains($"{{{i}}}", StringComparison.Ordinal)).ToList();
        arrays.Count.ShouldBe(4);
        arrays.ShouldAllBe(a => a.NpgsqlDbType.HasFlag(NpgsqlTypes.NpgsqlDbType.Array));
        ((string[])arrays[0].Value!).ShouldBe(["changed", "changed", "changed"]);
        // The rows in key order, whatever order they were met in (two saves of the same rows lock them in one order); each found
        // by its own original version (its new one is one more).
        var inKeyOrder = orders.OrderBy(o => o.Id.ToString(), StringComparer.Ordinal).ToList();
        ((Guid[])arrays[2].Value!).ShouldBe(inKeyOrder.Select(o => o.Id));
        ((int[])arrays[1].Value!).ShouldBe(inKeyOrder.Select(o => o.Version));
        ((int[])arrays[3].Value!).ShouldBe(inKeyOrder.Select(o => o.Version - 1));
        // Every parameter has its own placeholder, used once.
        Enumerable.Range(0, parameters.Count).ShouldAllBe(i => text.ToString().Split($"{{{i}}}", StringSplitOptions.None).Length == 2);
    }

    [Theory]
    [InlineData("character varying(32)", "character varying")]
    [InlineData("varchar(8)[]", "varchar[]")]
    [InlineData("character(2)", "bpchar")]
    [InlineData("numeric(12,2)", "numeric(12,2)")]
    [InlineData("timestamp with time zone", "timestamp with time zone")]
    [InlineData("uuid[]", "uuid[]")]
    public void Given_a_column_type_Then_a_VALUES_list_casts_to_it_without_a_length_that_would_cut_a_longer_value(string column, string cast) =>
        OneCommandSave.ValuesType(column).ShouldBe(cast);

    [Theory]
    [InlineData("key", "a unique index's column: an insert of the same save could collide with it")]
    [InlineData("order", "a foreign key: it could point at a row the same save inserts")]
    public void Given_a_change_an_insert_could_depend_on_Then_EF_Cores_path_orders_it(string change, string why)
    {
        using var db = new ShapesContext();
        var line = new OrderLine { Id = Guid.NewGuid(), OrderId = Guid.NewGuid(), Code = "a" };
        db.Attach(line);
        if (change == "key")
        {
            line.Code = "b";
        }
        else
        {
            line.OrderId = Guid.NewGuid();
        }

        OneCommandSave.For(db).ShouldBeNull(why);
    }

    [Fact]
    public void Given_a_deleted_row_Then_EF_Cores_path_deletes_it()
    {
        using var db = new ShapesContext();
        var order = new Order { Id = Guid.NewGuid() };
        db.Attach(order);
        db.Remove(order);

        OneCommandSave.For(db).ShouldBeNull();
    }

    [Theory]
    [InlineData(typeof(Counted), "an identity key the database numbers")]
    [InlineData(typeof(Defaulted), "a column whose default the database fills")]
    public void Given_a_row_with_a_value_the_database_generates_Then_EF_Cores_path_writes_it(Type type, string why)
    {
        using var db = new ShapesContext();
        db.Add(Activator.CreateInstance(type)!);

        OneCommandSave.For(db).ShouldBeNull(why);
    }

    [Fact]
    public void Given_nothing_changed_Then_there_is_nothing_to_write()
    {
        using var db = new ShapesContext();
        db.Attach(new Order { Id = Guid.NewGuid() });

        OneCommandSave.For(db).ShouldNotBeNull().Rows.ShouldBe(0);
    }

    private sealed class Order
    {
        public Guid Id { get; set; }
        public string? Note { get; set; }
        public int Version { get; set; }
    }

    private sealed class OrderLine
    {
        public Guid Id { get; set; }
        public Guid OrderId { get; set; }
        public string? Code { get; set; }
    }

    private sealed class Counted
    {
        public long Id { get; set; }
    }

    private sealed class Defaulted
    {
        public Guid Id { get; set; } = Guid.NewGuid();
        public int Priority { get; set; }
    }

    /// <summary>A model only: no connection is opened (the change tracker and the SQL text need none).</summary>
    private sealed class ShapesContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseNpgsql("Host=unused");

        protected override void OnModelCreating(ModelBuilder model)
        {
            model.Entity<Order>().Property(o => o.Version).IsConcurrencyToken();
            model.Entity<Order>().Property(o => o.Note).HasMaxLength(20);
            model.Entity<OrderLine>().HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId);
            model.Entity<OrderLine>().HasIndex(l => l.Code).IsUnique();
            model.Entity<Counted>();
            model.Entity<Defaulted>().Property(d => d.Priority).HasDefaultValue(5);
        }
    }
}
