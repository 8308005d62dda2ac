import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem } from "../../test/mockApi";
import { FollowUpForm } from "./FollowUpForm";

const slot = (start: string) => ({
  start,
  end: start.replace(":00:00Z", ":30:00Z"),
  kind: "video",
  clinicId: "c1",
  clinicName: "Tverskaya Clinic",
  clinicTimeZone: "Europe/Moscow",
  clinicLocal: start,
  patientTimeZone: "UTC",
  patientLocal: start,
});

const slotsAnswer = { doctorId: "d1", displayName: "Dr A", specialties: [], languages: [], hourlyRate: { amountMinor: 0, currency: "RUB" }, slots: [slot("2030-01-14T07:00:00Z"), slot("2030-01-14T08:00:00Z")] };

describe("book a follow-up", () => {
  it("books the chosen slot of the doctor's own calendar for the patient, with an idempotency key", async () => {
    const api = mockApi({
      "GET /scheduling/me/doctor": () => json(200, { doctorId: "d1", displayName: "Dr A" }),
      "GET /scheduling/doctors/d1/slots": () => json(200, slotsAnswer),
      "POST /scheduling/follow-ups": (req) =>
        json(201, { id: "a1", clinicName: "Tverskaya Clinic", clinicTimeZone: "Europe/Moscow", start: (req.body as { start: string }).start, status: "booked" }),
    });
    renderWithProviders(<FollowUpForm patientId="p1" defaultKind="chat" />);

    expect(screen.getByRole("heading", { name: "Book a follow-up" })).toBeInTheDocument();
    expect(screen.getByLabelText("Visit kind")).toHaveValue("chat");
    const book = screen.getByRole("button", { name: "Book follow-up" });
    expect(book).toBeDisabled();
    // Disabled, it says why (and stops saying it once a time is picked).
    expect(book).toHaveAccessibleDescription("Pick one of the times above first.");
    expect(screen.getByText("Pick one of the times above first.")).toBeVisible();
    await userEvent.click(await screen.findByRole("radio", { name: /11:00/ }));
    expect(book).not.toHaveAttribute("aria-describedby");
    expect(screen.queryByText("Pick one of the times above first.")).toBeNull();
    await userEvent.click(book);

    expect(await screen.findByTestId("follow-up-booked")).toHaveTextContent("Follow-up booked");
    const posted = api.callsTo("POST", "/scheduling/follow-ups");
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toEqual({ patientId: "p1", clinicId: "c1", kind: "chat", start: "2030-01-14T08:00:00Z" });
    expect(posted[0]!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    const slotQuery = api.callsTo("GET", "/scheduling/doctors/d1/slots")[0]!.query;
    expect(slotQuery.get("kind")).toBe("chat");
  });

  it("says when the time was just taken and reads the free times again", async () => {
    const api = mockApi({
      "GET /scheduling/me/doctor": () => json(200, { doctorId: "d1", displayName: "Dr A" }),
      "GET /scheduling/doctors/d1/slots": () => json(200, slotsAnswer),
      "POST /scheduling/follow-ups": () => problem(409, "scheduling.slot_taken"),
    });
    renderWithProviders(<FollowUpForm patientId="p1" />);
    await userEvent.click(await screen.findByRole("radio", { name: /10:00/ }));
    await userEvent.click(screen.getByRole("button", { name: "Book follow-up" }));

    expect(await screen.findByTestId("follow-up-error")).toHaveTextContent("This time was just taken");
    expect(screen.getByRole("button", { name: "Book follow-up" })).toBeDisabled();
    expect(api.callsTo("GET", "/scheduling/doctors/d1/slots").length).toBeGreaterThan(1);
  });
});
