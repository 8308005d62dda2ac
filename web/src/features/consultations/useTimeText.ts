import { useTranslation } from "react-i18next";
import { clock, formatDayLong, formatTime } from "../../shared/time/zonedTime";
import { asUtc } from "./common";

/** "Monday, November 23, 2026, 10:00" in the viewer's zone; "10:00" alone when `timeOnly`. */
export function useTimeText() {
  const { i18n } = useTranslation();
  return (value: string | Date, timeOnly = false) => {
    const instant = typeof value === "string" ? asUtc(value) : value;
    const zone = clock.timeZone();
    const time = formatTime(instant, zone, i18n.language);
    return timeOnly ? time : `${formatDayLong(instant, zone, i18n.language)}, ${time}`;
  };
}
