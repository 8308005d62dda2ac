/**
 * Readable names of the time zones the product offers, in English and Russian. The browser's ICU data names some Russian
 * zones by an offset or a neighbouring city (Asia/Novosibirsk reads as "GMT+07:00" or "Novosibirsk Standard Time" depending
 * on the build), so the zones clinics here use have their exemplar cities written out; any other zone falls back to the
 * last part of its IANA id ("America/New_York" → "New York").
 */
const NAMES: Record<string, { en: string; ru: string }> = {
  "Europe/Kaliningrad": { en: "Kaliningrad", ru: "Калининград" },
  "Europe/Moscow": { en: "Moscow", ru: "Москва" },
  "Europe/Simferopol": { en: "Simferopol", ru: "Симферополь" },
  "Europe/Kirov": { en: "Kirov", ru: "Киров" },
  "Europe/Volgograd": { en: "Volgograd", ru: "Волгоград" },
  "Europe/Astrakhan": { en: "Astrakhan", ru: "Астрахань" },
  "Europe/Saratov": { en: "Saratov", ru: "Саратов" },
  "Europe/Ulyanovsk": { en: "Ulyanovsk", ru: "Ульяновск" },
  "Europe/Samara": { en: "Samara", ru: "Самара" },
  "Asia/Yekaterinburg": { en: "Yekaterinburg", ru: "Екатеринбург" },
  "Asia/Omsk": { en: "Omsk", ru: "Омск" },
  "Asia/Novosibirsk": { en: "Novosibirsk", ru: "Новосибирск" },
  "Asia/Barnaul": { en: "Barnaul", ru: "Барнаул" },
  "Asia/Tomsk": { en: "Tomsk", ru: "Томск" },
  "Asia/Novokuznetsk": { en: "Novokuznetsk", ru: "Новокузнецк" },
  "Asia/Krasnoyarsk": { en: "Krasnoyarsk", ru: "Красноярск" },
  "Asia/Irkutsk": { en: "Irkutsk", ru: "Иркутск" },
  "Asia/Chita": { en: "Chita", ru: "Чита" },
  "Asia/Yakutsk": { en: "Yakutsk", ru: "Якутск" },
  "Asia/Khandyga": { en: "Khandyga", ru: "Хандыга" },
  "Asia/Vladivostok": { en: "Vladivostok", ru: "Владивосток" },
  "Asia/Ust-Nera": { en: "Ust-Nera", ru: "Усть-Нера" },
  "Asia/Magadan": { en: "Magadan", ru: "Магадан" },
  "Asia/Sakhalin": { en: "Sakhalin", ru: "Сахалин" },
  "Asia/Srednekolymsk": { en: "Srednekolymsk", ru: "Среднеколымск" },
  "Asia/Kamchatka": { en: "Petropavlovsk-Kamchatsky", ru: "Петропавловск-Камчатский" },
  "Asia/Anadyr": { en: "Anadyr", ru: "Анадырь" },
  "Europe/Minsk": { en: "Minsk", ru: "Минск" },
  "Europe/Kyiv": { en: "Kyiv", ru: "Киев" },
  "Europe/Kiev": { en: "Kyiv", ru: "Киев" },
  "Asia/Almaty": { en: "Almaty", ru: "Алматы" },
  "Asia/Tashkent": { en: "Tashkent", ru: "Ташкент" },
  "Asia/Tbilisi": { en: "Tbilisi", ru: "Тбилиси" },
  "Asia/Yerevan": { en: "Yerevan", ru: "Ереван" },
  "Asia/Baku": { en: "Baku", ru: "Баку" },
  "Europe/Berlin": { en: "Berlin", ru: "Берлин" },
  "Europe/London": { en: "London", ru: "Лондон" },
  "Europe/Paris": { en: "Paris", ru: "Париж" },
  "Europe/Istanbul": { en: "Istanbul", ru: "Стамбул" },
  "Asia/Dubai": { en: "Dubai", ru: "Дубай" },
  "America/New_York": { en: "New York", ru: "Нью-Йорк" },
  UTC: { en: "UTC", ru: "UTC" },
  "Etc/UTC": { en: "UTC", ru: "UTC" },
};

/** The exemplar city of an IANA zone in the locale ("ru…" → Russian, else English): "Asia/Novosibirsk" → "Новосибирск" / "Novosibirsk". */
export function zoneName(zone: string, locale: string): string {
  const known = NAMES[zone];
  if (known) return locale.toLowerCase().startsWith("ru") ? known.ru : known.en;
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}
