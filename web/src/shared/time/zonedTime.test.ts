import { describe, expect, it } from "vitest";
import { addDays, cityOfZone, dateInZone, formatDayLong, formatHourOfDay, formatTime, mondayOf, parseHhMm, sameWallClock, zonedParts } from "./zonedTime";

describe("zoned time", () => {
  // 29 March 2026: Berlin has just moved to summer time (UTC+2); New York is on EDT (UTC−4).
  const slot = "2026-03-29T07:00:00Z";

  it("formats one instant in a clinic's zone and a patient's zone", () => {
    expect(formatTime(slot, "Europe/Berlin", "en")).toBe("9:00 AM");
    expect(formatTime(slot, "America/New_York", "en")).toBe("3:00 AM");
    expect(formatDayLong(slot, "America/New_York", "en")).toBe("Sunday, March 29, 2026");
    expect(formatTime(slot, "Europe/Berlin", "ru")).toBe("09:00");
    expect(sameWallClock(slot, "Europe/Berlin", "America/New_York")).toBe(false);
    expect(sameWallClock(slot, "Europe/Berlin", "Europe/Paris")).toBe(true);
  });

  it("follows the language's clock: 12-hour with AM/PM in English, 24-hour in Russian", () => {
    const afternoon = "2026-03-29T13:05:00Z";
    expect(formatTime(afternoon, "UTC", "en")).toBe("1:05 PM");
    expect(formatTime(afternoon, "UTC", "en-US")).toBe("1:05 PM");
    expect(formatTime(afternoon, "UTC", "ru")).toBe("13:05");
    expect(formatTime("2026-03-29T00:30:00Z", "UTC", "en")).toBe("12:30 AM");
    expect(formatTime("2026-03-29T00:30:00Z", "UTC", "ru")).toBe("00:30");
    expect(formatHourOfDay(0, "en")).toBe("12 AM");
    expect(formatHourOfDay(13, "en")).toBe("1 PM");
    expect(formatHourOfDay(9, "ru")).toBe("09:00");
  });

  it("takes the day from the zone, not from UTC", () => {
    expect(dateInZone("2026-03-29T02:30:00Z", "America/New_York")).toBe("2026-03-28");
    expect(dateInZone("2026-03-29T02:30:00Z", "Asia/Novosibirsk")).toBe("2026-03-29");
    expect(zonedParts("2026-03-29T02:30:00Z", "Asia/Novosibirsk")).toMatchObject({ hour: 9, minute: 30 });
  });

  it("does calendar arithmetic on dates", () => {
    expect(addDays("2026-03-28", 7)).toBe("2026-04-04");
    expect(mondayOf("2026-03-29")).toBe("2026-03-23"); // Sunday → the Monday before
    expect(mondayOf("2026-03-23")).toBe("2026-03-23");
    expect(parseHhMm("09:30")).toBe(570);
    expect(parseHhMm("9:5")).toBeNaN();
    expect(cityOfZone("America/New_York")).toBe("New York");
  });
});
