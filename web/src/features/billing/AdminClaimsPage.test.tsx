import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import type { ClaimView } from "./billingApi";
import { AdminClaimsPage } from "./AdminClaimsPage";

const claim = (id: string, status: string, overrides: Partial<ClaimView> = {}): ClaimView => ({
  id,
  paymentId: `pay-${id}`,
  appointmentId: `app-${id}`,
  patientId: "p1",
  clinicId: "c1",
  insurer: `Insurer ${id}`,
  policyNumber: `POL-${id}`,
  amountMinor: 130000,
  currency: "RUB",
  serviceDate: "2026-11-30T10:00:00Z",
  status,
  note: null,
  updatedAt: "2026-12-01T09:30:00Z",
  ...overrides,
});

const clinics = () => json(200, [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }]);
const paged = (items: ClaimView[]) => json(200, { items, total: items.length, page: 1, pageSize: 50 });
const now = () => new Date("2026-11-30T12:00:00Z");
const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-claim-id="${id}"]`)!;
const queryOf = (href: string | null) => Object.fromEntries(new URL(href!, "http://localhost").searchParams);

describe("the admin's insurance claims", () => {
  it("lists the claims with their amount, status and note, filtered by clinic and status", async () => {
    const api = mockApi({
      "GET /clinics": clinics,
      "GET /admin/claims": () => paged([claim("k1", "rejected", { note: "Policy expired", amountMinor: "250050" })]),
    });
    renderWithProviders(<AdminClaimsPage now={now} />);

    const table = await screen.findByTestId("admin-claims");
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Service date",
      "Insurer",
      "Policy number",
      "Amount",
      "Status",
      "Clinic",
      "Updated",
      "Actions",
    ]);
    const row = within(table).getByRole("row", { name: /Insurer k1/ });
    expect(within(row).getByRole("rowheader")).toHaveTextContent("Nov 30, 2026");
    expect(row).toHaveTextContent("POL-k1");
    expect(row).toHaveTextContent("RUB 2,500.50");
    expect(within(row).getByTestId("claim-status")).toHaveTextContent("Rejected");
    expect(row).toHaveTextContent("Note: Policy expired");
    expect(await within(row).findByText("Central Clinic")).toBeInTheDocument();
    expect(within(row).getByRole("link", { name: /FHIR Claim/ })).toHaveAttribute("href", "/api/v1/admin/claims/k1/fhir");
    expect(within(row).getByTestId("claim-fhir")).toHaveAttribute("download", "claim-k1.fhir.json");

    await screen.findByRole("option", { name: "Central Clinic" });
    await userEvent.selectOptions(screen.getByLabelText("Clinic"), "c1");
    await userEvent.selectOptions(screen.getByLabelText("Status"), "rejected");
    await waitFor(() => expect(Object.fromEntries(api.callsTo("GET", "/admin/claims").at(-1)!.query)).toEqual({ clinicId: "c1", status: "rejected", page: "1" }));
  });

  it("offers only the status changes the lifecycle allows from each status", async () => {
    mockApi({
      "GET /clinics": clinics,
      "GET /admin/claims": () =>
        paged([claim("d", "draft"), claim("s", "submitted"), claim("a", "accepted"), claim("r", "rejected"), claim("p", "paid")]),
    });
    renderWithProviders(<AdminClaimsPage now={now} />);
    await screen.findByTestId("admin-claims");

    const offered = (id: string) => Array.from(rowOf(id).querySelectorAll("button")).map((b) => `${b.dataset.transition}:${b.textContent}`);
    expect(offered("d")).toEqual(["submitted:Submit"]);
    expect(offered("s")).toEqual(["accepted:Mark accepted", "rejected:Mark rejected"]);
    expect(offered("a")).toEqual(["paid:Mark paid"]);
    expect(offered("r")).toEqual(["submitted:Resubmit"]);
    expect(offered("p")).toEqual([]);
    // Each button names its claim for a screen reader.
    expect(within(rowOf("s")).getByRole("button", { name: /^Mark rejected: Insurer s, Nov 30, 2026, RUB\s1,300\.00$/ })).toBeInTheDocument();
  });

  it("rejects with a reason, posts it and shows the refreshed list", async () => {
    let current = claim("k1", "submitted");
    const api = mockApi({
      "GET /clinics": clinics,
      "GET /admin/claims": () => paged([current]),
      "POST /admin/claims/k1/status": (req) => {
        const body = req.body as { status: string; note: string | null };
        current = { ...current, status: body.status, note: body.note, updatedAt: "2026-12-02T08:00:00Z" };
        return json(200, current);
      },
    });
    renderWithProviders(<AdminClaimsPage now={now} />);
    await screen.findByTestId("admin-claims");
    const lists = api.callsTo("GET", "/admin/claims").length;

    await userEvent.click(within(rowOf("k1")).getByRole("button", { name: /^Mark rejected/ }));
    const dialog = await screen.findByRole("dialog", { name: "Mark rejected?" });
    expect(dialog).toHaveTextContent("becomes “Rejected”");
    expect(within(dialog).getByLabelText("Reason for the rejection (optional)")).toHaveAttribute("dir", "auto");
    await userEvent.type(within(dialog).getByLabelText("Reason for the rejection (optional)"), "  Policy expired ");
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark rejected" }));

    expect(await screen.findByText("The claim to Insurer k1 is now “Rejected”.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/claims/k1/status")[0]!.body).toEqual({ status: "rejected", note: "Policy expired" });
    await waitFor(() => expect(within(rowOf("k1")).getByTestId("claim-status")).toHaveTextContent("Rejected"));
    expect(api.callsTo("GET", "/admin/claims").length).toBeGreaterThan(lists);
    expect(Array.from(rowOf("k1").querySelectorAll("button")).map((b) => b.textContent)).toEqual(["Resubmit"]);
  });

  it("sends no note when none is typed", async () => {
    const api = mockApi({
      "GET /clinics": clinics,
      "GET /admin/claims": () => paged([claim("k1", "draft")]),
      "POST /admin/claims/k1/status": () => json(200, claim("k1", "submitted")),
    });
    renderWithProviders(<AdminClaimsPage now={now} />);
    await screen.findByTestId("admin-claims");
    await userEvent.click(within(rowOf("k1")).getByRole("button", { name: /^Submit/ }));
    const dialog = await screen.findByRole("dialog", { name: "Submit?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Submit" }));
    await screen.findByText("The claim to Insurer k1 is now “Submitted”.");
    expect(api.callsTo("POST", "/admin/claims/k1/status")[0]!.body).toEqual({ status: "submitted", note: null });
  });

  it("shows a refused change in words and reloads the list to show where the claim stands", async () => {
    let lists = 0;
    const api = mockApi({
      "GET /clinics": clinics,
      "GET /admin/claims": () => paged([claim("k1", ++lists === 1 ? "accepted" : "paid")]),
      "POST /admin/claims/k1/status": () => problem(409, "billing.claim_invalid_transition"),
    });
    renderWithProviders(<AdminClaimsPage now={now} />);
    await screen.findByTestId("admin-claims");

    await userEvent.click(within(rowOf("k1")).getByRole("button", { name: /^Mark paid/ }));
    const dialog = await screen.findByRole("dialog", { name: "Mark paid?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark paid" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The claim cannot move to that status from its current one");
    expect(api.callsTo("POST", "/admin/claims/k1/status")).toHaveLength(1);
    await waitFor(() => expect(within(rowOf("k1")).getByTestId("claim-status")).toHaveTextContent("Paid"));

    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(rowOf("k1").querySelectorAll("button")).toHaveLength(0);
  });

  it("shows the list's failure in words", async () => {
    mockApi({ "GET /clinics": clinics, "GET /admin/claims": () => problem(503, "billing.gateway_unavailable") });
    renderWithProviders(<AdminClaimsPage now={now} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("The payment service is unavailable right now.");
  });

  it("exports the chosen clinic's claims of a period of service dates as CSV", async () => {
    mockApi({ "GET /clinics": clinics, "GET /admin/claims": () => paged([]) });
    renderWithProviders(<AdminClaimsPage now={now} />);
    expect(await screen.findByText("No claims match.")).toBeInTheDocument();

    const section = screen.getByTestId("claims-export");
    expect(within(section).getByRole("heading", { level: 2, name: "Export to CSV" })).toBeInTheDocument();
    const link = () => within(section).getByRole("link", { name: "Download CSV" });
    expect(link()).toHaveAttribute("download");
    expect(link().getAttribute("href")).toMatch(/^\/api\/v1\/admin\/claims\/export\?/);
    expect(queryOf(link().getAttribute("href"))).toEqual({ from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" });

    await screen.findByRole("option", { name: "Central Clinic" });
    await userEvent.selectOptions(screen.getByLabelText("Clinic"), "c1");
    fireEvent.change(within(section).getByLabelText("Service dates from"), { target: { value: "2026-10-01" } });
    fireEvent.change(within(section).getByLabelText("To (inclusive)"), { target: { value: "2026-10-31" } });
    expect(queryOf(link().getAttribute("href"))).toEqual({ from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z", clinicId: "c1" });

    fireEvent.change(within(section).getByLabelText("Service dates from"), { target: { value: "2026-11-05" } });
    expect(within(section).queryByRole("link")).not.toBeInTheDocument();
    expect(within(section).getByRole("alert")).toHaveTextContent("Choose a start on or before the end");
  });

  it("narrows the list to whole UTC days of service dates once both ends are picked, and says when they make no period", async () => {
    const api = mockApi({ "GET /clinics": clinics, "GET /admin/claims": () => paged([claim("k1", "paid")]) });
    renderWithProviders(<AdminClaimsPage now={now} />);
    await screen.findByTestId("admin-claims");
    const filters = screen.getByRole("region", { name: "Filter claims" });
    const lastQuery = () => Object.fromEntries(api.callsTo("GET", "/admin/claims").at(-1)!.query);
    expect(lastQuery()).toEqual({ page: "1" });

    fireEvent.change(within(filters).getByLabelText("Service date on or after"), { target: { value: "2026-10-01" } });
    expect(lastQuery()).toEqual({ page: "1" });
    fireEvent.change(within(filters).getByLabelText("Service date on or before"), { target: { value: "2026-10-31" } });
    // The last day is included: the API's `to` is exclusive, so the next midnight is sent.
    await waitFor(() => expect(lastQuery()).toEqual({ from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z", page: "1" }));
    expect(within(filters).queryByRole("alert")).not.toBeInTheDocument();

    await userEvent.selectOptions(within(filters).getByLabelText("Status"), "paid");
    await waitFor(() => expect(lastQuery()).toEqual({ status: "paid", from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z", page: "1" }));

    const calls = api.callsTo("GET", "/admin/claims").length;
    fireEvent.change(within(filters).getByLabelText("Service date on or after"), { target: { value: "2026-11-05" } });
    expect(within(filters).getByRole("alert")).toHaveTextContent("Choose a start on or before the end");
    await waitFor(() => expect(api.callsTo("GET", "/admin/claims").length).toBeGreaterThan(calls));
    expect(lastQuery()).toEqual({ status: "paid", page: "1" });
  });

  it("exports only the status chosen in the filter", async () => {
    mockApi({ "GET /clinics": clinics, "GET /admin/claims": () => paged([]) });
    renderWithProviders(<AdminClaimsPage now={now} />);
    await screen.findByText("No claims match.");
    const link = () => within(screen.getByTestId("claims-export")).getByRole("link", { name: "Download CSV" });
    expect(queryOf(link().getAttribute("href"))).not.toHaveProperty("status");

    await userEvent.selectOptions(screen.getByLabelText("Status"), "rejected");
    expect(queryOf(link().getAttribute("href"))).toEqual({ from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z", status: "rejected" });
    await userEvent.selectOptions(screen.getByLabelText("Status"), "");
    expect(queryOf(link().getAttribute("href"))).toEqual({ from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" });
  });

  it("is linked from the admin navigation", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /clinics": clinics,
      "GET /admin/claims": () => paged([]),
    });
    renderApp("/admin/claims");
    expect(await screen.findByRole("link", { name: "Insurance claims" })).toHaveAttribute("href", "/admin/claims");
    expect(await screen.findByRole("heading", { level: 1, name: "Insurance claims" })).toBeInTheDocument();
  });
});
