import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { useLocation } from "react-router";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi } from "../../test/mockApi";
import type { PaymentView } from "./billingApi";
import { useStripeReturn } from "./useStripeReturn";
import { stripeReturnUrl, withoutStripeReturn } from "./stripeReturn";

const rub = (amountMinor: number) => ({ amountMinor, currency: "RUB" });
const waiting: PaymentView = {
  id: "pay1",
  appointmentId: "a1",
  status: "requiresAction",
  quote: rub(195000),
  quotedMinutes: 30,
  authorised: rub(0),
  captured: rub(0),
  refunded: rub(0),
  refunds: [],
  amountDue: rub(0),
  lateCancellationFee: rub(97500),
  billedMinutes: null,
  settlement: null,
  declineCode: "authentication_failed",
  createdAt: "2026-12-01T10:00:00Z",
  updatedAt: "2026-12-01T10:00:00Z",
  gateway: "stripe",
  clientSecret: "pi_1_secret_x",
  publishableKey: "pk_test_1",
};

function Probe({ payment, onUpdate }: { payment: PaymentView; onUpdate: (p: PaymentView) => void }) {
  const result = useStripeReturn(payment, onUpdate, { attempts: 2, delayMs: 1 });
  const location = useLocation();
  return (
    <>
      <p data-testid="state">{result.state}</p>
      <p data-testid="address">{`${location.pathname}${location.search}${location.hash}`}</p>
    </>
  );
}

describe("returning from a Stripe redirect", () => {
  it("says the bank did not confirm when our server still takes a card after the return, and the secret is gone", async () => {
    const api = mockApi({ "POST /payments/pay1/sync": () => ({ body: { ...waiting, status: "awaitingPayment" } }) });
    const onUpdate = vi.fn();
    renderWithProviders(<Probe payment={waiting} onUpdate={onUpdate} />, {
      path: "/patient/appointments/a1?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=succeeded#pay",
    });

    await waitFor(() => expect(screen.getByTestId("state")).toHaveTextContent("notAuthorised"));
    expect(screen.getByTestId("address")).toHaveTextContent(/^\/patient\/appointments\/a1#pay$/);
    expect(api.callsTo("POST", "/payments/pay1/sync")).toHaveLength(2);
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it("does not sync a payment of another gateway, but still takes Stripe's parameters out of the address", async () => {
    const api = mockApi({});
    renderWithProviders(<Probe payment={{ ...waiting, gateway: "sandbox" }} onUpdate={vi.fn()} />, {
      path: "/patient/appointments/a1?payment_intent_client_secret=pi_1_secret_x",
    });

    await waitFor(() => expect(screen.getByTestId("address")).toHaveTextContent(/^\/patient\/appointments\/a1$/));
    expect(screen.getByTestId("state")).toHaveTextContent("none");
    expect(api.calls).toHaveLength(0);
  });
});

describe("Stripe's return address", () => {
  it("keeps the page's own query and drops an earlier return's parameters", () => {
    expect(withoutStripeReturn("?tab=pay&payment_intent=pi_1&payment_intent_client_secret=s&redirect_status=failed")).toBe("?tab=pay");
    expect(withoutStripeReturn("?payment_intent_client_secret=s")).toBe("");
    expect(stripeReturnUrl({ origin: "https://telemed.test", pathname: "/patient/appointments/a1", search: "?payment_intent_client_secret=s&x=1", hash: "#pay" })).toBe(
      "https://telemed.test/patient/appointments/a1?x=1#pay",
    );
  });
});
