using Telemed.Modules.Clinical.Protocols.VisitSummaries;
using Telemed.Modules.Clinical.Icd10;
using Telemed.BuildingBlocks.Http;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Prescriptions;

namespace Telemed.Modules.Clinical.Infrastructure;

internal sealed class ClinicalHistoryFacade(ClinicalDbContext db) : IClinicalHistory
{
    public async Task<IReadOnlyList<ClinicalHistoryItem>> HistoryOfAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var protocols = await db.Protocols.AsNoTracking().Where(p => p.PatientId == patientId && p.SignedAt != null).ToListAsync(cancellationToken);
        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => p.PatientId == patientId && p.SignedAt != null).ToListAsync(cancellationToken);
        var items = new List<ClinicalHistoryItem>();
        // Diagnoses by their title in the reader's language (the catalogue's Russian МКБ-10 title for a Russian reader), as the
        // visit summary names them; the title stored with the protocol only for a code since removed from the catalogue.
        var russian = ReaderLanguage.Current == "ru";
        var titles = await new Icd10Catalogue(db).FindAsync([.. protocols.SelectMany(p => p.Diagnoses).Select(d => d.Code).Distinct()], cancellationToken);
        foreach (var protocol in protocols)
        {
            items.Add(new("protocol", protocol.Id, protocol.SignedAt!.Value, protocol.Complaints, protocol.Recommendations, protocol.Status, protocol.ConsultationId));
            // A diagnosis has no id of its own: it is addressed by its protocol.
            items.AddRange(protocol.Diagnoses.Select(d => new ClinicalHistoryItem("diagnosis", protocol.Id, protocol.SignedAt!.Value, $"{d.Code} {SummaryLanguage.TitleFor(d, titles, russian)}",
                d.Role.ToString().ToLowerInvariant(), d.Certainty.ToString().ToLowerInvariant(), protocol.ConsultationId)));
        }

        // A prescription by its medicine in the reader's words ("Амоксициллин 500 мг, капсулы"), as the prescription lists name it.
        items.AddRange(prescriptions.Select(p => new ClinicalHistoryItem("prescription", p.Id, p.SignedAt!.Value, MedicineWording.Name(p.Content.Medication, ReaderLanguage.Current),
            p.Content.DosageInstruction.Text, p.Status, p.ConsultationId)));
        return items;
    }
}
