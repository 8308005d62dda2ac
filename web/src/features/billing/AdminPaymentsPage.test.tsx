import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi, problem } from "../../test/mockApi";
import type { PaymentView } from "./billingApi";
import { AdminPaymentsPage } from "./AdminPaymentsPage";

const rub = (amountMinor: number) => ({ amountMinor, currency: "RUB" });
const captured: PaymentView = {
  id: "pay1",
  appointmentId: "a1b2c3d4-0000-0000-0000-000000000000",
  status: "captured",
  quote: rub(195000),
  quotedMinutes: 30,
  authorised: rub(195000),
  captured: rub(130000),
  refunded: rub(0),
  refunds: [],
  amountDue: rub(0),
  lateCancellationFee: rub(97500),
  billedMinutes: 20,
  settlement: "visit",
  declineCode: null,
  createdAt: "2026-11-30T10:00:00Z",
  updatedAt: "2026-11-30T10:00:00Z",
};

describe("the admin's payments", () => {
  it("shows when each payment was made, the order the server lists them in, not when it last changed", async () => {
    // The list is newest-made first, but its first column read "Updated": a payment refunded today sat among last week's.
    const made = (at: string, id: string, updatedAt: string): PaymentView => ({ ...captured, id, createdAt: at, updatedAt });
    mockApi({
      "GET /clinics": () => ({ body: [] }),
      "GET /admin/payments": () => ({
        body: {
          items: [made("2026-11-30T10:00:00Z", "pay2", "2026-11-30T10:05:00Z"), made("2026-11-20T08:00:00Z", "pay1", "2026-12-01T09:00:00Z")],
          total: 2,
          page: 1,
          pageSize: 50,
        },
      }),
      "GET /admin/billing/reconciliation": () => ({ body: [] }),
    });
    const { unmount } = renderWithProviders(<AdminPaymentsPage />);
    const table = await screen.findByTestId("admin-payments");
    expect(within(table).getAllByRole("columnheader")[0]).toHaveTextContent("Created");
    const created = within(table).getAllByTestId("payment-created").map((c) => c.textContent);
    const at = (instant: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));
    expect(created).toEqual([at("2026-11-30T10:00:00Z"), at("2026-11-20T08:00:00Z")]);
    expect(within(table).queryByText(at("2026-12-01T09:00:00Z"))).not.toBeInTheDocument();
    unmount();

    renderWithProviders(<AdminPaymentsPage />, { language: "ru" });
    expect(within(await screen.findByTestId("admin-payments")).getAllByRole("columnheader")[0]).toHaveTextContent("Создан");
  });

  it("words each settlement for the clinic's staff, not to the patient", async () => {
    // The admin's list read "Nothing was charged: you cancelled in time": the payer's sentences, addressed to the patient.
    mockApi({
      "GET /clinics": () => ({ body: [] }),
      "GET /admin/payments": () => ({
        body: {
          items: [
            { ...captured, id: "pay3", status: "released", captured: rub(0), settlement: "cancelledInTime" },
            { ...captured, id: "pay4", status: "unpaid", captured: rub(0), amountDue: rub(65000), settlement: "patientLeft" },
            { ...captured, id: "pay5", status: "unpaid", captured: rub(0), amountDue: rub(195000), settlement: "visit" },
          ],
          total: 3,
          page: 1,
          pageSize: 50,
        },
      }),
      "GET /admin/billing/reconciliation": () => ({ body: [] }),
    });
    const { unmount } = renderWithProviders(<AdminPaymentsPage />);
    const table = await screen.findByTestId("admin-payments");
    expect(within(table).getByText("Nothing was charged: the patient cancelled in time")).toBeInTheDocument();
    expect(within(table).getByText("Due for the time of the visit before the patient left")).toBeInTheDocument();
    expect(within(table).getByText("Due for the visit")).toBeInTheDocument();
    expect(table).not.toHaveTextContent(/\byou\b/i);
    unmount();

    renderWithProviders(<AdminPaymentsPage />, { language: "ru" });
    const ru = await screen.findByTestId("admin-payments");
    expect(within(ru).getByText("Ничего не списано: пациент отменил вовремя")).toBeInTheDocument();
    expect(ru).not.toHaveTextContent(/ваш/i);
  });

  it("filters by clinic and status, refunds with an amount and a reason, and shows the reconciliation", async () => {
    let refunds = 0;
    const api = mockApi({
      "GET /clinics": () => ({ body: [{ id: "c1", name: "Central Clinic", city: "Moscow", timeZone: "Europe/Moscow" }] }),
      "GET /admin/payments": () => ({ body: { items: [captured], total: 1, page: 1, pageSize: 50 } }),
      "POST /admin/payments/pay1/refund": () =>
        ++refunds === 1 ? problem(422, "billing.refund_too_large") : { body: { ...captured, status: "partiallyRefunded", refunded: rub(30000) } },
      "GET /admin/billing/reconciliation": () => ({
        body: [{ currency: "RUB", capturedMinor: 130000, refundedMinor: 0, releasedMinor: 65000, heldMinor: 195000, dueMinor: 0, payments: 3 }],
      }),
    });
    renderWithProviders(<AdminPaymentsPage />);

    const table = await screen.findByTestId("admin-payments");
    expect(within(table).getByTestId("payment-status")).toHaveTextContent("Paid");
    await screen.findByRole("option", { name: "Central Clinic" });
    await userEvent.selectOptions(screen.getByLabelText("Clinic"), "c1");
    await userEvent.selectOptions(screen.getByLabelText("Status"), "captured");
    await waitFor(() => expect(Object.fromEntries(api.callsTo("GET", "/admin/payments").at(-1)!.query)).toEqual({ clinicId: "c1", status: "captured", page: "1" }));

    await userEvent.click(within(await screen.findByTestId("admin-payments")).getByRole("button", { name: /Refund/ }));
    const dialog = await screen.findByRole("dialog", { name: "Refund a payment" });
    expect(within(dialog).getByTestId("refund-amount")).toHaveValue("1300");
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(await within(dialog).findByText("Give a reason (up to 500 characters).")).toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/payments/pay1/refund")).toHaveLength(0);

    await userEvent.clear(within(dialog).getByTestId("refund-amount"));
    await userEvent.type(within(dialog).getByTestId("refund-amount"), "300");
    await userEvent.type(within(dialog).getByTestId("refund-reason"), "Visit ended early");
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("A refund cannot exceed what was charged");
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(await screen.findByText("Refunded RUB 300.00.")).toBeInTheDocument();
    const sent = api.callsTo("POST", "/admin/payments/pay1/refund");
    expect(sent[1]!.body).toEqual({ amountMinor: 30000, reason: "Visit ended early" });
    // The retry of the same refund carries the same Idempotency-Key, so the server makes it once.
    expect(sent[0]!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]!.headers["Idempotency-Key"]).toBe(sent[0]!.headers["Idempotency-Key"]);

    const reconciliation = screen.getByTestId("reconciliation");
    const row = await within(reconciliation).findByRole("row", { name: /RUB/ });
    expect(row).toHaveTextContent("RUB 1,950.00");
    const period = Object.fromEntries(api.callsTo("GET", "/admin/billing/reconciliation")[0]!.query);
    expect(period.from).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    expect(period.to).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
  });

  it("after a refusal because another refund was made meanwhile, shows what is left now and says only its own refund", async () => {
    // Another administrator refunded RUB 1,000.00 of the 1,300.00 while this dialog was open.
    let other = false;
    let attempts = 0;
    const api = mockApi({
      "GET /clinics": () => ({ body: [] }),
      "GET /admin/payments": () => ({
        body: { items: [other ? { ...captured, status: "partiallyRefunded", refunded: rub(100000) } : captured], total: 1, page: 1, pageSize: 50 },
      }),
      "POST /admin/payments/pay1/refund": () => {
        other = true;
        return ++attempts === 1
          ? problem(409, "billing.payment_changed")
          : { body: { ...captured, status: "partiallyRefunded", refunded: rub(120000) } };
      },
      "GET /admin/billing/reconciliation": () => ({ body: [] }),
    });
    renderWithProviders(<AdminPaymentsPage />);

    await userEvent.click(within(await screen.findByTestId("admin-payments")).getByRole("button", { name: /Refund/ }));
    const dialog = await screen.findByRole("dialog", { name: "Refund a payment" });
    expect(dialog).toHaveTextContent("At most RUB 1,300.00 can be refunded.");
    await userEvent.clear(within(dialog).getByTestId("refund-amount"));
    await userEvent.type(within(dialog).getByTestId("refund-amount"), "200");
    await userEvent.type(within(dialog).getByTestId("refund-reason"), "Visit ended early");
    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The payment changed meanwhile");
    // The list is reloaded and the dialog tells the truth about what is left.
    await waitFor(() => expect(dialog).toHaveTextContent("At most RUB 300.00 can be refunded."));
    expect(api.callsTo("GET", "/admin/payments").length).toBeGreaterThan(1);

    await userEvent.click(within(dialog).getByRole("button", { name: "Refund" }));
    // Its own RUB 200.00, not the RUB 1,200.00 refunded since the dialog opened.
    expect(await screen.findByText("Refunded RUB 200.00.")).toBeInTheDocument();
  });
});
