using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

internal static class ConsultationSettings
{
    public const int EscalateAfterSeconds = 120;
    public const long MaxAttachmentBytes = 200_000;

    public static Dictionary<string, string?> Create() => new()
    {
        ["Consultations:WorkerIntervalMilliseconds"] = "100",
        ["Consultations:OnCall:EscalateAfterSeconds"] = EscalateAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Consultations:Attachments:MaxBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class ConsultationsSqliteHost() : TelemedHost(DatabaseProvider.Sqlite, ConsultationSettings.Create());

public sealed class ConsultationsPostgresHost() : TelemedHost(DatabaseProvider.Postgres, ConsultationSettings.Create());
