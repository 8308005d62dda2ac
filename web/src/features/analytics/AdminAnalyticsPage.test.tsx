import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession } from "../../test/mockApi";
import { clock } from "../../shared/time/zonedTime";
import type { ClinicAnalytics } from "./analyticsTypes";
import { AdminAnalyticsPage } from "./AdminAnalyticsPage";

const nps = (answers: number, promoters: number, passives: number, detractors: number, score: number | null) => ({ answers, promoters, passives, detractors, score });

const report = (over: Partial<ClinicAnalytics> = {}): ClinicAnalytics => ({
  from: "2026-11-01",
  to: "2026-11-30",
  clinicId: null,
  timeZone: "UTC",
  interval: "day",
  visits: { total: 120, upcoming: 10, completed: 90, cancelled: 12, noShows: 8, conversionPercent: 81.8, noShowRatePercent: 8.2 },
  waiting: { accepted: 85, averageWaitSeconds: 312 },
  bySpecialty: [
    { specialty: "cardiology", completed: 40, total: 52 },
    { specialty: "dermatology", completed: 12, total: 15 },
  ],
  series: [
    { periodStart: "2026-11-01", completed: 3, cancelled: 1, noShows: 0, upcoming: 0 },
    { periodStart: "2026-11-02", completed: 5, cancelled: 0, noShows: 2, upcoming: 1 },
  ],
  revenue: [
    {
      currency: "RUB",
      capturedMinor: 1000000,
      refundedMinor: 50000,
      netMinor: 950000,
      byClinic: [{ clinicId: "c1", clinicName: "Central Clinic", netMinor: 950000 }],
      bySpecialty: [{ specialty: "cardiology", netMinor: 500000 }],
      byPeriod: [
        { periodStart: "2026-11-01", netMinor: 10000 },
        { periodStart: "2026-11-02", netMinor: 940000 },
      ],
    },
  ],
  nps: nps(40, 20, 10, 10, 25),
  doctors: [
    {
      doctorId: "d1",
      displayName: "Dr Anna Petrova",
      specialty: "cardiology",
      completed: 30,
      noShows: 2,
      cancelled: 1,
      bookedMinutes: 900,
      workingMinutes: 2400,
      utilisationPercent: 37.5,
      nps: nps(5, 3, 1, 1, 40),
    },
    {
      doctorId: "d2",
      displayName: "Dr Boris Orlov",
      specialty: "dermatology",
      completed: 0,
      noShows: 0,
      cancelled: 0,
      bookedMinutes: 0,
      workingMinutes: 0,
      utilisationPercent: null,
      nps: nps(0, 0, 0, 0, null),
    },
  ],
  ...over,
});

/** Today is 30 November 2026 (UTC): the default period is 1–30 November. */
function fixToday() {
  vi.spyOn(clock, "now").mockReturnValue(new Date("2026-11-30T15:00:00Z"));
  vi.spyOn(clock, "timeZone").mockReturnValue("UTC");
}

const baseRoutes = {
  "GET /clinics": () => ({ body: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
  "GET /specialties": () => ({
    body: [
      { code: "cardiology", name: "Cardiology" },
      { code: "dermatology", name: "Dermatology" },
    ],
  }),
};

const queryOf = (href: string | null) => Object.fromEntries(new URL(href ?? "", "http://localhost").searchParams);

describe("the admin's clinic analytics", () => {
  it("shows the key figures, the tables beside the charts and CSV links carrying the filters", async () => {
    fixToday();
    const api = mockApi({ ...baseRoutes, "GET /admin/analytics": (req) => ({ body: report({ clinicId: req.query.get("clinicId") }) }) });
    renderWithProviders(<AdminAnalyticsPage />);

    const figures = await screen.findByTestId("analytics-figures");
    expect(Object.fromEntries(api.callsTo("GET", "/admin/analytics")[0]!.query)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    const figure = (key: string) => figures.querySelector(`[data-figure="${key}"]`);
    expect(figure("total")).toHaveTextContent("120");
    expect(figure("completed")).toHaveTextContent("90");
    expect(figure("conversion")).toHaveTextContent("81.8%");
    expect(figure("noShowRate")).toHaveTextContent("8.2%");
    expect(figure("averageWait")).toHaveTextContent("5 min 12 s");
    expect(figure("nps")).toHaveTextContent("25");
    expect(within(figures).getByText(/40 answers/)).toBeInTheDocument();
    expect(within(figures).getByText("completed ÷ settled visits (completed, cancelled or no-show)")).toBeInTheDocument();
    expect(screen.getByTestId("analytics-period")).toHaveTextContent("Nov 1, 2026 – Nov 30, 2026, UTC time, by day");

    // Each chart is one labelled image; its numbers are in the table.
    expect(screen.getByRole("img", { name: /Stacked bar chart of visits/ })).toBeInTheDocument();
    const series = screen.getByTestId("analytics-series-table");
    expect(within(series).getByRole("row", { name: /Nov 2, 2026/ })).toHaveTextContent(/Nov 2, 2026\s*5\s*0\s*2\s*1/);
    const specialties = screen.getByTestId("analytics-specialties-table");
    expect(await within(specialties).findByRole("row", { name: /Cardiology/ })).toHaveTextContent(/Cardiology\s*40\s*52/);

    const rub = screen.getByTestId("revenue-RUB");
    expect(rub.querySelector('[data-figure="net"]')).toHaveTextContent("RUB 9,500.00");
    expect(within(screen.getByTestId("revenue-RUB-clinics")).getByRole("row", { name: /Central Clinic/ })).toHaveTextContent("RUB 9,500.00");
    expect(within(screen.getByTestId("revenue-RUB-specialties")).getByRole("row", { name: /Cardiology/ })).toHaveTextContent("RUB 5,000.00");
    expect(within(screen.getByTestId("revenue-RUB-periods")).getByRole("row", { name: /Nov 1, 2026/ })).toHaveTextContent("RUB 100.00");

    const doctors = screen.getByTestId("analytics-doctors-table");
    const anna = within(doctors).getByRole("row", { name: /Dr Anna Petrova/ });
    expect(anna).toHaveTextContent(/Cardiology/);
    expect(anna.querySelector('[data-column="utilisation"]')).toHaveTextContent("37.5%");
    expect(anna.querySelector('[data-column="nps"]')).toHaveTextContent("40 (5 answers)");

    const links = screen.getAllByRole("link", { name: /CSV/ });
    expect(links.map((a) => a.getAttribute("data-export")).sort()).toEqual(["doctors", "revenue", "series", "specialties"]);
    for (const link of links) {
      expect(link).toHaveAttribute("download");
      expect(link.getAttribute("href")).toMatch(/^\/api\/v1\/admin\/analytics\/export\?/);
      expect(queryOf(link.getAttribute("href"))).toEqual({ table: link.getAttribute("data-export"), from: "2026-11-01", to: "2026-11-30" });
    }

    // One clinic and another period: the request and every download follow.
    await screen.findByRole("option", { name: "Central Clinic" });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-10-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-10-31" } });
    await userEvent.click(screen.getByRole("button", { name: "Show" }));
    await userEvent.selectOptions(screen.getByLabelText("Clinic"), "c1");
    await waitFor(() =>
      expect(Object.fromEntries(api.callsTo("GET", "/admin/analytics").at(-1)!.query)).toEqual({ from: "2026-10-01", to: "2026-10-31", clinicId: "c1" }),
    );
    const doctorsLink = await screen.findByRole("link", { name: "Download doctors (CSV)" });
    await waitFor(() => expect(queryOf(doctorsLink.getAttribute("href"))).toEqual({ table: "doctors", from: "2026-10-01", to: "2026-10-31", clinicId: "c1" }));
  });

  it("shows — for a rate, a wait, a utilisation or an NPS the period cannot define", async () => {
    fixToday();
    mockApi({
      ...baseRoutes,
      "GET /admin/analytics": () => ({
        body: report({
          visits: { total: 4, upcoming: 4, completed: 0, cancelled: 0, noShows: 0, conversionPercent: null, noShowRatePercent: null },
          waiting: { accepted: 0, averageWaitSeconds: null },
          nps: nps(0, 0, 0, 0, null),
        }),
      }),
    });
    renderWithProviders(<AdminAnalyticsPage />);

    const figures = await screen.findByTestId("analytics-figures");
    for (const key of ["conversion", "noShowRate", "averageWait", "nps"]) expect(figures.querySelector(`[data-figure="${key}"]`)).toHaveTextContent(/^—$/);
    const boris = within(screen.getByTestId("analytics-doctors-table")).getByRole("row", { name: /Dr Boris Orlov/ });
    expect(boris.querySelector('[data-column="utilisation"]')).toHaveTextContent(/^—$/);
    expect(boris.querySelector('[data-column="nps"]')).toHaveTextContent(/^—$/);
  });

  it("says what is wrong with the period when the server refuses it", async () => {
    fixToday();
    mockApi({ ...baseRoutes, "GET /admin/analytics": () => problem(400, "analytics.invalid_period") });
    renderWithProviders(<AdminAnalyticsPage />);

    expect(await screen.findByRole("alert")).toHaveTextContent("Choose a period of at most two years, ending after it starts.");
    expect(screen.queryByTestId("analytics-figures")).not.toBeInTheDocument();
  });

  it("shows an empty state for a period without any visits", async () => {
    fixToday();
    mockApi({
      ...baseRoutes,
      "GET /admin/analytics": () => ({
        body: report({
          visits: { total: 0, upcoming: 0, completed: 0, cancelled: 0, noShows: 0, conversionPercent: null, noShowRatePercent: null },
          waiting: { accepted: 0, averageWaitSeconds: null },
          bySpecialty: [],
          series: [{ periodStart: "2026-11-01", completed: 0, cancelled: 0, noShows: 0, upcoming: 0 }],
          revenue: [],
          nps: nps(0, 0, 0, 0, null),
          doctors: [],
        }),
      }),
    });
    renderWithProviders(<AdminAnalyticsPage />);

    expect(await screen.findByText("No visits in this period. Choose another period or clinic.")).toBeInTheDocument();
    expect(screen.queryByTestId("analytics-figures")).not.toBeInTheDocument();
  });

  it("draws the charts once their box has a size (jsdom has no layout: a size and a ResizeObserver are stubbed)", async () => {
    fixToday();
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    const measure = HTMLElement.prototype.getBoundingClientRect;
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      // A phone-wide chart box; everything else (legend included) keeps jsdom's zero size.
      if (!this.classList.contains("recharts-responsive-container")) return measure.call(this);
      return { x: 0, y: 0, top: 0, left: 0, right: 375, bottom: 280, width: 375, height: 280, toJSON: () => ({}) };
    });
    mockApi({ ...baseRoutes, "GET /admin/analytics": () => ({ body: report() }) });
    renderWithProviders(<AdminAnalyticsPage />);

    const visits = await screen.findByRole("img", { name: /Stacked bar chart of visits/ });
    await waitFor(() => expect(visits.querySelectorAll(".recharts-bar-rectangle").length).toBeGreaterThan(0));
    expect(visits.querySelector("svg")).not.toHaveAttribute("tabindex");
    const revenue = screen.getByRole("img", { name: /net revenue in RUB/ });
    await waitFor(() => expect(revenue.querySelectorAll(".recharts-bar-rectangle")).toHaveLength(2));
    const bySpecialty = screen.getByRole("img", { name: /consultations by specialty/ });
    await waitFor(() => expect(bySpecialty.querySelectorAll(".recharts-bar-rectangle")).toHaveLength(4));
  });

  it("is an admin page linked from the admin's navigation, in Russian too", async () => {
    fixToday();
    mockApi({ ...baseRoutes, "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }), "GET /admin/analytics": () => ({ body: report() }) });
    renderApp("/admin/analytics", "ru");

    expect(await screen.findByRole("heading", { name: "Аналитика клиники", level: 1 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Аналитика" })).toHaveAttribute("href", "/admin/analytics");
    const figures = await screen.findByTestId("analytics-figures");
    expect(figures.querySelector('[data-figure="conversion"]')?.textContent?.replace(/\s/g, " ")).toBe("81,8 %");
    expect(figures.querySelector('[data-figure="averageWait"]')).toHaveTextContent("5 мин 12 с");
  });
});
