import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";
import { clock } from "../../shared/time/zonedTime";
import type { AdminHomeFigures } from "./adminTypes";

const figures = (over: Partial<AdminHomeFigures> = {}): AdminHomeFigures => ({
  day: "2026-11-30",
  timeZone: "Europe/Moscow",
  clinicId: null,
  visitsBooked: 7,
  visitsCompleted: 3,
  visitsCancelled: 2,
  visitsNoShow: 1,
  onDemandWaiting: 4,
  longestWaitMinutes: 12,
  doctorsOnDuty: 5,
  newRegistrations: 6,
  pendingInvitations: 2,
  licencesExpiringSoon: 1,
  unverifiedLicences: 2,
  outboxFailures: 0,
  ...over,
});

describe("the admin's home page", () => {
  it("shows today's counts, each linking to where the admin acts, and narrows to one clinic", async () => {
    vi.spyOn(clock, "timeZone").mockReturnValue("Asia/Novosibirsk");
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "GET /admin/clinics": () => ({
        body: [{ id: "c1", name: "Central Clinic", address: "", city: "Moscow", latitude: 0, longitude: 0, timeZone: "Europe/Moscow", phone: "", email: "", openingHours: "" }],
      }),
      "GET /admin/home": (req) =>
        ({ body: req.query.get("clinicId") === "c1" ? figures({ clinicId: "c1", visitsBooked: 1, longestWaitMinutes: null }) : figures() }),
    });
    renderApp("/admin");

    expect(await screen.findByRole("heading", { name: "Today", level: 1 })).toBeInTheDocument();
    const visits = await screen.findByTestId("figures-visits");
    expect(within(visits).getByRole("link", { name: "Booked" })).toHaveAttribute("href", "/admin/clinics");
    expect(visits.querySelector('[data-figure="visitsBooked"]')).toHaveTextContent("7");
    expect(visits.querySelector('[data-figure="visitsNoShow"]')).toHaveTextContent("1");
    const live = screen.getByTestId("figures-live");
    expect(live.querySelector('[data-figure="longestWaitMinutes"]')).toHaveTextContent("12 min");
    expect(within(live).getByRole("link", { name: "Doctors on duty" })).toHaveAttribute("href", "/admin/doctors");
    const housekeeping = screen.getByTestId("figures-housekeeping");
    expect(within(housekeeping).getByRole("link", { name: "Pending invitations" })).toHaveAttribute("href", "/admin/users");
    expect(within(housekeeping).getByRole("link", { name: "Licences expired or expiring within 30 days" })).toHaveAttribute("href", "/admin/doctors");
    expect(within(housekeeping).getByRole("link", { name: "Bookable doctors with an unverified licence" })).toHaveAttribute("href", "/admin/doctors");
    expect(housekeeping.querySelector('[data-figure="unverifiedLicences"]')).toHaveTextContent("2");
    // Without a clinic, "today" is the admin's own day.
    expect(api.callsTo("GET", "/admin/home")[0]!.query.get("timeZone")).toBe("Asia/Novosibirsk");
    expect(api.callsTo("GET", "/admin/home")[0]!.query.get("clinicId")).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText("Clinic"), "Central Clinic");
    await waitFor(() => expect(screen.getByTestId("figures-visits").querySelector('[data-figure="visitsBooked"]')).toHaveTextContent("1"));
    expect(within(screen.getByTestId("figures-visits")).getByRole("link", { name: "Booked" })).toHaveAttribute("href", "/admin/clinics/c1");
    expect(screen.getByTestId("figures-live").querySelector('[data-figure="longestWaitMinutes"]')).toHaveTextContent("—");
    expect(screen.getByText(/their figures are for all clinics\. Doctors on duty are this clinic's/)).toBeInTheDocument();
  });

  it("isolates a right-to-left clinic name in the clinic picker and leaves a left-to-right one as it is", async () => {
    const clinic = (id: string, name: string) => ({ id, name, address: "", city: "", latitude: 0, longitude: 0, timeZone: "Europe/Moscow", phone: "", email: "", openingHours: "" });
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "GET /admin/clinics": () => ({ body: [clinic("c1", "Central Clinic"), clinic("c2", "عيادة \u202Eالنور")] }),
      "GET /admin/home": () => ({ body: figures() }),
    });
    renderApp("/admin");
    const picker = await screen.findByLabelText("Clinic");
    await waitFor(() => expect(picker.querySelectorAll("option")).toHaveLength(3));
    const labels = Array.from(picker.querySelectorAll("option")).map((o) => o.textContent);
    expect(labels).toContain("Central Clinic");
    expect(labels).toContain("\u2068عيادة \u202Eالنور\u2069");
  });

  it("names the clinics in the reader's language, as the directory words them", async () => {
    const clinic = (id: string, name: string) => ({ id, name, address: "", city: "", latitude: 0, longitude: 0, timeZone: "Europe/Moscow", phone: "", email: "", openingHours: "" });
    mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "GET /admin/clinics": () => ({ body: [clinic("c1", "Telemed Clinic Moscow"), clinic("c2", "Closed Clinic")] }),
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Клиника Телемед Москва", city: "Москва", timeZone: "Europe/Moscow" }] }),
      "GET /admin/home": () => ({ body: figures() }),
    });
    renderApp("/admin", "ru");
    const picker = await screen.findByLabelText("Клиника");
    await waitFor(() => expect(Array.from(picker.querySelectorAll("option")).map((o) => o.textContent)).toContain("Клиника Телемед Москва"));
    expect(Array.from(picker.querySelectorAll("option")).map((o) => o.textContent)).toContain("Closed Clinic");
  });
});
