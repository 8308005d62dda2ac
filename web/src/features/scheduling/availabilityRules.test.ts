import { describe, expect, it } from "vitest";
import { validateAppointmentTypes, validateExceptionHours, validateWeeklyHours, type HoursRow } from "./availabilityRules";

const row = (key: string, dayOfWeek: HoursRow["dayOfWeek"], start: string, end: string, clinicId = "c1"): HoursRow => ({
  key,
  clinicId,
  dayOfWeek,
  start,
  end,
});

describe("availability rules", () => {
  it("rejects overlapping ranges on the same day, also across clinics", () => {
    expect(validateWeeklyHours([row("a", "monday", "09:00", "13:00"), row("b", "monday", "12:00", "17:00")])).toEqual({
      a: "scheduling.errors.overlap",
      b: "scheduling.errors.overlap",
    });
    expect(validateWeeklyHours([row("a", "monday", "09:00", "13:00"), row("b", "monday", "12:30", "14:00", "c2")])).toHaveProperty("b");
  });

  it("accepts touching ranges and ranges on other days", () => {
    expect(
      validateWeeklyHours([row("a", "monday", "09:00", "13:00"), row("b", "monday", "13:00", "17:00"), row("c", "tuesday", "10:00", "12:00")]),
    ).toEqual({});
  });

  it("requires the end after the start", () => {
    expect(validateWeeklyHours([row("a", "friday", "17:00", "09:00")])).toEqual({ a: "scheduling.errors.endAfterStart" });
    expect(validateWeeklyHours([row("a", "friday", "", "09:00")])).toEqual({ a: "scheduling.errors.timeFormat" });
    expect(validateExceptionHours("extraHours", "14:00", "10:00")).toBe("scheduling.errors.endAfterStart");
    expect(validateExceptionHours("dayOff", "", "")).toBeNull();
  });

  it("keeps durations within 5–240 minutes", () => {
    const base = { bufferBeforeMinutes: 0, bufferAfterMinutes: 5, minimumNoticeMinutes: 60, maximumHorizonDays: 30, enabled: true };
    expect(validateAppointmentTypes([{ kind: "video", durationMinutes: 300, ...base }])).toEqual({ video: "scheduling.errors.duration" });
    expect(validateAppointmentTypes([{ kind: "chat", durationMinutes: 15, ...base }])).toEqual({});
  });
});
