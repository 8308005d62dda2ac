using Microsoft.EntityFrameworkCore;

namespace Telemed.UnitTests.Data;

/// <summary>A one-table context for the SQLite write-path tests: notes with a required text (NOT NULL) and a key that can clash.</summary>
internal sealed class NotesContext(DbContextOptions<NotesContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>().Property(n => n.Text).IsRequired();
}

internal sealed class Note
{
    public Guid Id { get; set; }

    public string Text { get; set; } = "";
}
