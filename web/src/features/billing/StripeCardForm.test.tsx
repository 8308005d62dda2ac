import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi } from "../../test/mockApi";
import type { PaymentView } from "./billingApi";
import { PaymentPanel } from "./PaymentPanel";
import { StripeCardForm } from "./StripeCardForm";

// Stripe.js cannot load here (no network to js.stripe.com): these unit tests stand in for it. Elements passes on what it was given.
const stripeJs = vi.hoisted(() => {
  const elements = { name: "elements" };
  const stripe = { confirmPayment: vi.fn() };
  return { elements, stripe, loadStripe: vi.fn(), elementsOptions: [] as unknown[], loaded: true };
});

vi.mock("@stripe/stripe-js/pure", () => ({ loadStripe: stripeJs.loadStripe }));
vi.mock("@stripe/react-stripe-js", () => ({
  Elements: ({ children, options }: { children: ReactNode; options: unknown }) => {
    stripeJs.elementsOptions.push(options);
    return <div data-testid="stripe-elements">{children}</div>;
  },
  PaymentElement: () => <div data-testid="payment-element" />,
  useStripe: () => (stripeJs.loaded ? stripeJs.stripe : null),
  useElements: () => stripeJs.elements,
}));

const rub = (amountMinor: number) => ({ amountMinor, currency: "RUB" });

function payment(overrides: Partial<PaymentView> = {}): PaymentView {
  return {
    id: "pay1",
    appointmentId: "a1",
    status: "awaitingPayment",
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
    declineCode: null,
    createdAt: "2026-12-01T10:00:00Z",
    updatedAt: "2026-12-01T10:00:00Z",
    gateway: "stripe",
    clientSecret: "pi_1_secret_x",
    publishableKey: "pk_test_1",
    cardBrand: null,
    cardLast4: null,
    ...overrides,
  };
}

const held = payment({ status: "authorised", authorised: rub(195000), clientSecret: null, cardBrand: "visa", cardLast4: "4242" });
const fast = { attempts: 3, delayMs: 1 };

function renderForm(key = "pk_test_1", onUpdate = vi.fn()) {
  renderWithProviders(<StripeCardForm payment={payment()} publishableKey={key} clientSecret="pi_1_secret_x" onUpdate={onUpdate} sync={fast} />);
  return onUpdate;
}

beforeEach(() => {
  stripeJs.loadStripe.mockReset().mockResolvedValue(stripeJs.stripe);
  stripeJs.stripe.confirmPayment.mockReset();
  stripeJs.elementsOptions.length = 0;
  stripeJs.loaded = true;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("paying through Stripe Elements", () => {
  it("confirms with Stripe, then syncs with our server until the card is held, and the panel shows the hold", async () => {
    stripeJs.stripe.confirmPayment.mockResolvedValue({ paymentIntent: { id: "pi_1", status: "requires_capture" } });
    const api = mockApi({
      "GET /appointments/a1/payment": () => ({ body: payment() }),
      "POST /appointments/a1/payment": () => ({ body: payment() }),
      "POST /payments/pay1/sync": () => ({ body: held }),
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable />);
    await userEvent.click(await screen.findByTestId("pay-button"));
    await screen.findByTestId("payment-element");
    expect(stripeJs.loadStripe).toHaveBeenCalledWith("pk_test_1", { locale: "en" });
    expect(stripeJs.elementsOptions.at(-1)).toMatchObject({ clientSecret: "pi_1_secret_x", locale: "en", appearance: { theme: "stripe" } });

    await userEvent.click(screen.getByTestId("pay-button"));

    expect(await screen.findByTestId("payment-authorised")).toHaveTextContent("Authorised: RUB 1,950.00 held on Visa •••• 4242");
    expect(stripeJs.stripe.confirmPayment).toHaveBeenCalledWith({
      elements: stripeJs.elements,
      redirect: "if_required",
      confirmParams: { return_url: `${window.location.origin}${window.location.pathname}` },
    });
    expect(api.callsTo("POST", "/payments/pay1/sync")).toHaveLength(1);
    expect(screen.queryByTestId("stripe-form")).not.toBeInTheDocument();
  });

  it("keeps asking our server while it has not seen the hold yet, and hands over the view that has it", async () => {
    stripeJs.stripe.confirmPayment.mockResolvedValue({ paymentIntent: { id: "pi_1", status: "requires_capture" } });
    const answers = [payment(), payment(), held];
    const api = mockApi({ "POST /payments/pay1/sync": () => ({ body: answers.shift() }) });
    const onUpdate = renderForm();
    await userEvent.click(await screen.findByTestId("pay-button"));

    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith(held));
    expect(api.callsTo("POST", "/payments/pay1/sync")).toHaveLength(3);
  });

  it("shows Stripe's own message when Stripe refuses, and does nothing else", async () => {
    stripeJs.stripe.confirmPayment.mockResolvedValue({ error: { type: "card_error", code: "card_declined", message: "Ваша карта отклонена." } });
    const api = mockApi({});
    const onUpdate = renderForm();
    await userEvent.click(await screen.findByTestId("pay-button"));

    expect(await screen.findByTestId("stripe-error")).toHaveTextContent("Ваша карта отклонена.");
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    expect(api.calls).toHaveLength(0);
    expect(onUpdate).not.toHaveBeenCalled();
    expect(screen.getByTestId("pay-button")).toBeEnabled();
  });

  it("says card payment is unavailable when Stripe.js cannot load, and loads again on retry", async () => {
    stripeJs.loadStripe.mockRejectedValueOnce(new Error("Failed to load Stripe.js"));
    mockApi({});
    renderForm("pk_test_offline");

    expect(await screen.findByTestId("stripe-load-failed")).toHaveTextContent("Card payment is unavailable right now");
    expect(screen.queryByTestId("payment-element")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("payment-element")).toBeInTheDocument();
    expect(stripeJs.loadStripe).toHaveBeenCalledTimes(2);
  });

  it("confirms once however often the button is clicked, and disables it while confirming", async () => {
    let finish: (value: unknown) => void = () => undefined;
    stripeJs.stripe.confirmPayment.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    mockApi({ "POST /payments/pay1/sync": () => ({ body: held }) });
    const onUpdate = renderForm();
    const button = await screen.findByTestId("pay-button");

    await userEvent.dblClick(button);
    await userEvent.click(button);
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent("Paying…");
    finish({ paymentIntent: { id: "pi_1", status: "requires_capture" } });

    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith(held));
    expect(stripeJs.stripe.confirmPayment).toHaveBeenCalledTimes(1);
    // A busy button says so in its label and needs no reason under it.
    expect(screen.queryByTestId("stripe-loading-why")).toBeNull();
  });

  it("says why Pay waits while Stripe's card form is still loading", async () => {
    stripeJs.loaded = false;
    renderForm();
    const button = await screen.findByTestId("pay-button");
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription("The secure card form is still loading. You can pay as soon as it appears.");
  });
});

function Address() {
  const location = useLocation();
  return <p data-testid="address">{`${location.pathname}${location.search}`}</p>;
}

describe("coming back from a Stripe redirect (3-D Secure on the bank's page)", () => {
  it("takes the client secret out of the address, syncs the payment and shows the hold", async () => {
    const api = mockApi({
      "GET /appointments/a1/payment": () => ({ body: payment({ status: "requiresAction" }) }),
      "POST /payments/pay1/sync": () => ({ body: held }),
    });
    renderWithProviders(
      <>
        <PaymentPanel appointmentId="a1" payable />
        <Address />
      </>,
      { path: "/patient/appointments/a1?tab=pay&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=succeeded" },
    );

    expect(await screen.findByTestId("payment-authorised")).toHaveTextContent("held on Visa •••• 4242");
    expect(screen.getByTestId("address")).toHaveTextContent(/^\/patient\/appointments\/a1\?tab=pay$/);
    expect(api.callsTo("POST", "/payments/pay1/sync")).toHaveLength(1);
    expect(stripeJs.loadStripe).not.toHaveBeenCalled();
  });

  it("leaves an ordinary visit to the page alone", async () => {
    const api = mockApi({ "GET /appointments/a1/payment": () => ({ body: payment() }) });
    renderWithProviders(
      <>
        <PaymentPanel appointmentId="a1" payable />
        <Address />
      </>,
      { path: "/patient/appointments/a1?tab=pay" },
    );

    expect(await screen.findByTestId("hold-explainer")).toBeInTheDocument();
    expect(screen.getByTestId("address")).toHaveTextContent(/^\/patient\/appointments\/a1\?tab=pay$/);
    expect(api.callsTo("POST", "/payments/pay1/sync")).toHaveLength(0);
  });
});
