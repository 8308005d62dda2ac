import { describe, expect, it } from "vitest";
import { dayFigures } from "./DayFigures";
import type { Appointment } from "../../shared/api/scheduling";

describe("the day's figures", () => {
  it("counts visits apart from cancellations", () => {
    const a = (status: Appointment["status"]) => ({ status }) as Appointment;
    expect(dayFigures([a("booked"), a("confirmed"), a("checkedIn"), a("completed"), a("noShow"), a("cancelled"), a("cancelled")])).toEqual({
      visits: 5, expected: 2, checkedIn: 1, completed: 1, noShows: 1, cancelled: 2,
    });
  });
});
