using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Scheduling.Reminders;

/// <summary>
/// A time zone's name in a message, by its exemplar city in English or Russian: the same table as the web app's
/// (<c>web/src/shared/time/zoneNames.ts</c>, which a unit test keeps this in step with), so an e-mail names the zone as the
/// patient's screen does ("Asia/Novosibirsk" → "Novosibirsk" / "Новосибирск"). A zone not in the table reads as the last part
/// of its IANA id ("America/Sao_Paulo" → "Sao Paulo"), as on the web.
/// </summary>
internal static class ZoneNames
{
    internal static readonly IReadOnlyDictionary<string, (string En, string Ru)> Table = new Dictionary<string, (string En, string Ru)>(StringComparer.Ordinal)
    {
        ["Europe/Kaliningrad"] = ("Kaliningrad", "Калининград"),
        ["Europe/Moscow"] = ("Moscow", "Москва"),
        ["Europe/Simferopol"] = ("Simferopol", "Симферополь"),
        ["Europe/Kirov"] = ("Kirov", "Киров"),
        ["Europe/Volgograd"] = ("Volgograd", "Волгоград"),
        ["Europe/Astrakhan"] = ("Astrakhan", "Астрахань"),
        ["Europe/Saratov"] = ("Saratov", "Саратов"),
        ["Europe/Ulyanovsk"] = ("Ulyanovsk", "Ульяновск"),
        ["Europe/Samara"] = ("Samara", "Самара"),
        ["Asia/Yekaterinburg"] = ("Yekaterinburg", "Екатеринбург"),
        ["Asia/Omsk"] = ("Omsk", "Омск"),
        ["Asia/Novosibirsk"] = ("Novosibirsk", "Новосибирск"),
        ["Asia/Barnaul"] = ("Barnaul", "Барнаул"),
        ["Asia/Tomsk"] = ("Tomsk", "Томск"),
        ["Asia/Novokuznetsk"] = ("Novokuznetsk", "Новокузнецк"),
        ["Asia/Krasnoyarsk"] = ("Krasnoyarsk", "Красноярск"),
        ["Asia/Irkutsk"] = ("Irkutsk", "Иркутск"),
        ["Asia/Chita"] = ("Chita", "Чита"),
        ["Asia/Yakutsk"] = ("Yakutsk", "Якутск"),
        ["Asia/Khandyga"] = ("Khandyga", "Хандыга"),
        ["Asia/Vladivostok"] = ("Vladivostok", "Владивосток"),
        ["Asia/Ust-Nera"] = ("Ust-Nera", "Усть-Нера"),
        ["Asia/Magadan"] = ("Magadan", "Магадан"),
        ["Asia/Sakhalin"] = ("Sakhalin", "Сахалин"),
        ["Asia/Srednekolymsk"] = ("Srednekolymsk", "Среднеколымск"),
        ["Asia/Kamchatka"] = ("Petropavlovsk-Kamchatsky", "Петропавловск-Камчатский"),
        ["Asia/Anadyr"] = ("Anadyr", "Анадырь"),
        ["Europe/Minsk"] = ("Minsk", "Минск"),
        ["Europe/Kyiv"] = ("Kyiv", "Киев"),
        ["Europe/Kiev"] = ("Kyiv", "Киев"),
        ["Asia/Almaty"] = ("Almaty", "Алматы"),
        ["Asia/Tashkent"] = ("Tashkent", "Ташкент"),
        ["Asia/Tbilisi"] = ("Tbilisi", "Тбилиси"),
        ["Asia/Yerevan"] = ("Yerevan", "Ереван"),
        ["Asia/Baku"] = ("Baku", "Баку"),
        ["Europe/Berlin"] = ("Berlin", "Берлин"),
        ["Europe/London"] = ("London", "Лондон"),
        ["Europe/Paris"] = ("Paris", "Париж"),
        ["Europe/Istanbul"] = ("Istanbul", "Стамбул"),
        ["Asia/Dubai"] = ("Dubai", "Дубай"),
        ["America/New_York"] = ("New York", "Нью-Йорк"),
        ["UTC"] = ("UTC", "UTC"),
        ["Etc/UTC"] = ("UTC", "UTC"),
    };

    /// <summary>The exemplar city of <paramref name="zone"/> for a reader of <paramref name="language"/> ("ru…" → Russian, else English).</summary>
    public static string City(string zone, string language)
    {
        if (Table.TryGetValue(zone, out var known))
        {
            return LanguagePreference.IsRussian(language) ? known.Ru : known.En;
        }

        var last = zone.Split('/')[^1];
        return last.Replace('_', ' ');
    }
}
