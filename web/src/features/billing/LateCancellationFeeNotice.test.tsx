import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi } from "../../test/mockApi";
import type { PaymentView } from "./billingApi";
import { LateCancellationFeeNotice } from "./LateCancellationFeeNotice";

const rub = (amountMinor: number) => ({ amountMinor, currency: "RUB" });

function payment(overrides: Partial<PaymentView>): PaymentView {
  return {
    id: "pay1",
    appointmentId: "a1",
    status: "authorised",
    quote: rub(154000),
    quotedMinutes: 30,
    authorised: rub(154000),
    captured: rub(0),
    refunded: rub(0),
    refunds: [],
    amountDue: rub(0),
    lateCancellationFee: rub(77000),
    billedMinutes: null,
    settlement: null,
    declineCode: null,
    createdAt: "2026-12-01T10:00:00Z",
    updatedAt: "2026-12-01T10:00:00Z",
    ...overrides,
  };
}

describe("what a late cancellation costs", () => {
  it.each([
    [{ status: "authorised" }, "en", /^A late cancellation costs the clinic's fee of RUB\s770\.00: it is taken from the amount held on your card and the rest is released\.$/],
    [{ status: "awaitingPayment" }, "en", /^A late cancellation costs the clinic's fee of RUB\s770\.00, which you will then owe\.$/],
    [{ status: "authorised" }, "ru", /^Поздняя отмена стоит 770,00\s(RUB|₽) \(штраф клиники\)/],
  ] as const)("%o in %s", async (overrides, language, text) => {
    mockApi({ "GET /appointments/a1/payment": () => ({ body: payment(overrides) }) });
    renderWithProviders(<LateCancellationFeeNotice appointmentId="a1" />, { language });
    expect(await screen.findByTestId("late-cancellation-fee")).toHaveTextContent(text);
  });

  it.each([[{ lateCancellationFee: rub(0) }], [{ status: "captured", captured: rub(77000) }], [{ status: "released" }]] as const)(
    "says nothing when no fee would be charged: %o",
    async (overrides) => {
      const api = mockApi({ "GET /appointments/a1/payment": () => ({ body: payment(overrides) }) });
      renderWithProviders(<LateCancellationFeeNotice appointmentId="a1" />);
      await waitFor(() => expect(api.callsTo("GET", "/appointments/a1/payment")).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 50));
      expect(screen.queryByTestId("late-cancellation-fee")).not.toBeInTheDocument();
    },
  );
});
