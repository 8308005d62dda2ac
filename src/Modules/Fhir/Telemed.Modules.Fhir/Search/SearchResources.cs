using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Telemed.Modules.Fhir.Access;
using Telemed.Modules.Fhir.Api;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Resources;

namespace Telemed.Modules.Fhir.Search;

/// <summary>
/// <c>GET /fhir/R4/{type}?...</c>: a searchset Bundle of one page of the matches, with <c>total</c> and <c>self</c>/<c>next</c>/<c>previous</c>
/// links (<c>_offset</c> cursor). Patient data is searched only within the records the viewer may see: the patients named by
/// <c>patient</c> (or <c>_id</c> on Patient) that pass <see cref="FhirPatientAccess"/>, else the viewer's own/treated patients; staff
/// without clinical access get 403.
/// </summary>
internal sealed class SearchResources(FhirResourceRegistry registry, FhirPatientAccess access)
{
    public async Task<FhirOutcome> SearchAsync(string resourceType, IQueryCollection query, FhirViewer viewer, string baseUrl, CancellationToken ct)
    {
        if (registry.Find(resourceType) is not { } provider)
        {
            return new FhirOutcome(null, OperationOutcomes.UnknownType());
        }

        var parsed = FhirSearch.Parse(query, provider.SearchParameters.Select(p => p.Name).ToList());
        if (!parsed.IsSuccess)
        {
            return new FhirOutcome(null, OperationOutcomes.BadRequest(parsed.Error!));
        }

        var search = parsed.Value;
        IReadOnlyCollection<Guid>? patients = null;
        if (provider.IsPatientData)
        {
            if (!viewer.MaySeeAnyPatientData)
            {
                var named = search.ValuesOf(provider.ResourceType == "Patient" ? "_id" : "patient")
                    .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
                access.RecordStaffRefusal(named.Count > 0 ? "Patient" : resourceType, named);
                return new FhirOutcome(null, OperationOutcomes.Forbidden("Only patients and their treating doctors see patient records."));
            }

            patients = await PatientsInScopeAsync(provider, search, viewer, ct);
        }

        if (provider.Refuse(search) is { } refused)
        {
            return new FhirOutcome(null, OperationOutcomes.BadRequest(refused));
        }

        var candidates = await provider.LoadAsync(patients, search, ct);
        if (candidates.Count > provider.CandidateLimit)
        {
            // The provider loaded one more than its limit: the answer would be cut, so it is refused rather than paged as if it were whole.
            return new FhirOutcome(null, OperationOutcomes.TooCostly(provider.ResourceType, provider.CandidateLimit));
        }

        var matched = FhirSearchMatcher.Filter(candidates, search, provider.SearchParameters);
        if (!matched.IsSuccess)
        {
            return new FhirOutcome(null, OperationOutcomes.BadRequest(matched.Error!));
        }

        return SearchBundles.Page(resourceType, matched.Value, search, baseUrl);
    }

    /// <summary>The patients a search of patient data covers; names no record the viewer may not see.</summary>
    private async Task<IReadOnlyCollection<Guid>> PatientsInScopeAsync(IFhirResourceProvider provider, FhirSearch search, FhirViewer viewer, CancellationToken ct)
    {
        var patientParameter = provider.ResourceType == "Patient" ? "_id" : "patient";
        var named = search.ValuesOf(patientParameter).ToList();
        if (named.Count == 0)
        {
            return await access.DefaultPatientsAsync(viewer, ct);
        }

        // Every repeat must match (AND), so the first one's alternatives bound the set; the matcher applies the rest. A set, so that an id
        // named twice (`patient=X,X`, or the same patient as `X` and `Patient/X`) loads the record once, not once per mention.
        var allowed = new HashSet<Guid>();
        foreach (var value in named[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var id = value[(value.LastIndexOf('/') + 1)..];
            if (FhirRefs.Guid(id) is { } patientId && !allowed.Contains(patientId) && await access.MaySeeAsync(viewer, patientId, ct))
            {
                allowed.Add(patientId);
            }
        }

        return allowed;
    }
}

/// <summary>Searchset Bundles: entries with full URLs, the total, and paging links that repeat the search's criteria.</summary>
internal static class SearchBundles
{
    public static Bundle Page(string resourceType, IReadOnlyList<Resource> matched, FhirSearch search, string baseUrl)
    {
        var offset = Math.Min(search.Offset, matched.Count);
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("D"),
            Type = Bundle.BundleType.Searchset,
            Total = matched.Count,
            Timestamp = DateTimeOffset.UtcNow,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/{resourceType}?{search.QueryAt(offset)}" }],
            Entry = matched.Skip(offset).Take(search.Count).Select(r => Entry(r, baseUrl)).ToList(),
        };
        if (offset + search.Count < matched.Count)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = $"{baseUrl}/{resourceType}?{search.QueryAt(offset + search.Count)}" });
        }

        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = $"{baseUrl}/{resourceType}?{search.QueryAt(Math.Max(0, offset - search.Count))}" });
        }

        return bundle;
    }

    public static Bundle.EntryComponent Entry(Resource resource, string baseUrl) => new()
    {
        FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
    };
}
