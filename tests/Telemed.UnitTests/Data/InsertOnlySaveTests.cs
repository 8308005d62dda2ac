using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// Which saves go to PostgreSQL as one command of multi-row INSERTs (<see cref="InsertOnlySave"/>): only new rows whose every
/// column the change tracker holds, principals before dependents. Anything else keeps EF Core's own path.
/// </summary>
public sealed class InsertOnlySaveTests
{
    [Fact]
    public void Given_new_rows_of_a_dependent_added_first_Then_the_principal_type_is_inserted_first()
    {
        using var db = new ShapesContext();
        var order = new Order { Id = Guid.NewGuid() };
        db.Add(new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id });
        db.Add(new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id });
        db.Add(order);

        var groups = InsertOnlySave.Groups(db);

        groups.ShouldNotBeNull();
        groups.Select(g => g.Type.ClrType).ShouldBe([typeof(Order), typeof(OrderLine)]);
        groups[1].Rows.Count.ShouldBe(2);
    }

    [Fact]
    public void Given_a_changed_row_Then_the_save_is_not_insert_only()
    {
        using var db = new ShapesContext();
        var order = new Order { Id = Guid.NewGuid() };
        db.Attach(order);
        order.Note = "changed";
        db.Add(new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id });

        InsertOnlySave.Groups(db).ShouldBeNull();
    }

    [Fact]
    public void Given_a_deleted_row_Then_the_save_is_not_insert_only()
    {
        using var db = new ShapesContext();
        var order = new Order { Id = Guid.NewGuid() };
        db.Attach(order);
        db.Remove(order);

        InsertOnlySave.Groups(db).ShouldBeNull();
    }

    [Theory]
    [InlineData(typeof(Counted), "an identity key the database numbers")]
    [InlineData(typeof(Defaulted), "a column whose default the database fills")]
    public void Given_a_row_with_a_value_the_database_generates_Then_EF_Cores_path_writes_it(Type type, string why)
    {
        using var db = new ShapesContext();
        db.Add(Activator.CreateInstance(type)!);

        InsertOnlySave.Groups(db).ShouldBeNull(why);
    }

    [Fact]
    public void Given_nothing_changed_Then_there_is_nothing_to_insert()
    {
        using var db = new ShapesContext();
        db.Attach(new Order { Id = Guid.NewGuid() });

        InsertOnlySave.Groups(db).ShouldNotBeNull().ShouldBeEmpty();
    }

    private sealed class Order
    {
        public Guid Id { get; set; }
        public string? Note { get; set; }
    }

    private sealed class OrderLine
    {
        public Guid Id { get; set; }
        public Guid OrderId { get; set; }
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

    /// <summary>A model only: no connection is opened (the change tracker needs none).</summary>
    private sealed class ShapesContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseNpgsql("Host=unused");

        protected override void OnModelCreating(ModelBuilder model)
        {
            model.Entity<Order>();
            model.Entity<OrderLine>().HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId);
            model.Entity<Counted>();
            model.Entity<Defaulted>().Property(d => d.Priority).HasDefaultValue(5);
        }
    }
}
