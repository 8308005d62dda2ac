import { describe, expect, it } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi, problem, type MockRequest } from "../../test/mockApi";
import type { PaymentView } from "./billingApi";
import { PaymentFacts, PaymentPanel } from "./PaymentPanel";

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
    gateway: null,
    clientSecret: null,
    publishableKey: null,
    cardBrand: null,
    cardLast4: null,
    ...overrides,
  };
}

const started = payment({ gateway: "sandbox", clientSecret: "pi_1_secret_x" });

const refund = (amountMinor: number, reason: string, at = "2026-12-02T09:00:00Z") => ({ amount: rub(amountMinor), reason, at });

async function typeCard(number: string) {
  await userEvent.type(screen.getByTestId("card-number"), number);
  await userEvent.type(screen.getByTestId("card-expiry"), "12/30");
  await userEvent.type(screen.getByTestId("card-cvc"), "123");
}

describe("paying for a visit", () => {
  it("confirms the card, asks for authentication, passes the answer on, syncs and shows the hold", async () => {
    const order: string[] = [];
    const log = (req: MockRequest) => order.push(`${req.method} ${req.path}`);
    const api = mockApi({
      "GET /appointments/a1/payment": () => problem(404, "billing.payment_not_found"),
      "POST /appointments/a1/payment": (req) => (log(req), { body: started }),
      "POST /billing/sandbox/confirm": (req) => (log(req), { body: { status: "requires_action", declineCode: null } }),
      "POST /billing/sandbox/authenticate": (req) => (log(req), { body: { status: "requires_capture", declineCode: null } }),
      "POST /payments/pay1/sync": (req) => (
        log(req),
        { body: payment({ status: "authorised", gateway: "sandbox", authorised: rub(195000), cardBrand: "visa", cardLast4: "3155" }) }
      ),
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable />);

    expect(await screen.findByTestId("hold-explainer")).toHaveTextContent("never more than this price");
    await userEvent.click(screen.getByTestId("pay-button"));
    await screen.findByTestId("card-form");
    expect(screen.getByTestId("card-number")).toHaveAttribute("inputmode", "numeric");
    expect(screen.getByTestId("card-number")).toHaveAttribute("autocomplete", "cc-number");
    expect(screen.getByTestId("card-expiry")).toHaveAttribute("autocomplete", "cc-exp");
    expect(screen.getByTestId("card-cvc")).toHaveAttribute("autocomplete", "cc-csc");

    await typeCard("4000002500003155");
    expect(screen.getByTestId("card-number")).toHaveValue("4000 0025 0000 3155");
    await userEvent.click(screen.getByTestId("pay-button"));

    const dialog = await screen.findByRole("dialog", { name: "Confirm the payment with your bank" });
    expect(order).toEqual(["POST /appointments/a1/payment", "POST /billing/sandbox/confirm"]);
    await userEvent.click(within(dialog).getByRole("button", { name: "Approve" }));

    expect(await screen.findByTestId("payment-authorised")).toHaveTextContent("Authorised: RUB 1,950.00 held on Visa •••• 3155");
    expect(screen.getByTestId("payment-status")).toHaveTextContent("Authorised");
    expect(screen.queryByTestId("card-form")).not.toBeInTheDocument();
    expect(order).toEqual(["POST /appointments/a1/payment", "POST /billing/sandbox/confirm", "POST /billing/sandbox/authenticate", "POST /payments/pay1/sync"]);
    expect(api.callsTo("POST", "/billing/sandbox/confirm")[0]!.body).toEqual({
      clientSecret: "pi_1_secret_x",
      cardNumber: "4000002500003155",
      expiryMonth: 12,
      expiryYear: 2030,
      cvc: "123",
    });
    expect(api.callsTo("POST", "/billing/sandbox/authenticate")[0]!.body).toEqual({ clientSecret: "pi_1_secret_x", approved: true });
  });

  it("starts paying at once right after booking, and says so when the appointment cannot be paid for", async () => {
    const api = mockApi({
      "GET /appointments/a1/payment": () => ({ body: payment() }),
      "POST /appointments/a1/payment": () => problem(404, "billing.appointment_not_found"),
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable startOpen />);
    await waitFor(() => expect(api.callsTo("POST", "/appointments/a1/payment")).toHaveLength(1));
    expect(await screen.findByRole("alert")).toHaveTextContent("There is no such appointment to pay for.");
    expect(screen.getByTestId("pay-button")).toBeEnabled();
  });

  it("right after booking starts paying without first asking for the payment the booking's event is still making", async () => {
    // The live walk: GET answered 404 billing.payment_not_found (a console error) until the booking's event made the payment.
    let made = false;
    const notFoundAnswers: string[] = [];
    const api = mockApi({
      "GET /appointments/a1/payment": (req) => (made ? { body: started } : (notFoundAnswers.push(req.path), problem(404, "billing.payment_not_found"))),
      "POST /appointments/a1/payment": () => ((made = true), { body: started }),
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable startOpen />);

    await screen.findByTestId("card-form");
    expect(api.callsTo("POST", "/appointments/a1/payment")).toHaveLength(1);
    expect(notFoundAnswers).toEqual([]);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("hints the card's expiry format in the reader's language", async () => {
    mockApi({
      "GET /appointments/a1/payment": () => ({ body: started }),
      "POST /appointments/a1/payment": () => ({ body: started }),
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable startOpen />, { language: "ru" });
    expect(await screen.findByTestId("card-expiry")).toHaveAttribute("placeholder", "ММ/ГГ");
  });

  it("reads the payment first when opened later, not right after booking", async () => {
    const api = mockApi({ "GET /appointments/a1/payment": () => ({ body: payment({ status: "authorised", authorised: rub(195000) }) }) });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable />);
    expect(await screen.findByTestId("payment-authorised")).toBeInTheDocument();
    expect(api.callsTo("POST", "/appointments/a1/payment")).toHaveLength(0);
  });

  it("shows nothing to a patient whose past visit has no payment", async () => {
    const api = mockApi({ "GET /appointments/a1/payment": () => problem(404, "billing.payment_not_found") });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable={false} />);
    await waitFor(() => expect(api.callsTo("GET", "/appointments/a1/payment")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId("payment-panel")).not.toBeInTheDocument());
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says a decline in words and lets the patient try another card", async () => {
    let confirms = 0;
    const api = mockApi({
      "GET /appointments/a1/payment": () => ({ body: started }),
      "POST /appointments/a1/payment": () => ({ body: started }),
      "POST /billing/sandbox/confirm": () =>
        ++confirms === 1
          ? { body: { status: "requires_payment_method", declineCode: "insufficient_funds" } }
          : { body: { status: "requires_capture", declineCode: null } },
      "POST /payments/pay1/sync": () =>
        confirms === 1
          ? { body: { ...started, declineCode: "insufficient_funds" } }
          : { body: payment({ status: "authorised", authorised: rub(195000), cardBrand: "visa", cardLast4: "4242" }) },
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable startOpen />);
    await screen.findByTestId("card-form");

    // Nothing is sent while the form is wrong.
    await userEvent.type(screen.getByTestId("card-number"), "4242424242424241");
    await userEvent.click(screen.getByTestId("pay-button"));
    expect(await screen.findByText("This card number is not valid.")).toBeInTheDocument();
    expect(screen.getByText("Enter the expiry date as MM/YY.")).toBeInTheDocument();
    expect(screen.getByTestId("card-number")).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("POST", "/billing/sandbox/confirm")).toHaveLength(0);

    await userEvent.clear(screen.getByTestId("card-number"));
    await typeCard("4000000000009995");
    await userEvent.click(screen.getByTestId("pay-button"));
    expect(await screen.findByTestId("payment-decline")).toHaveTextContent("The card has insufficient funds. Try another card.");
    expect(screen.getByTestId("card-number")).toHaveValue("");
    expect(screen.getByTestId("payment-status")).toHaveTextContent("Awaiting payment");

    await userEvent.type(screen.getByTestId("card-number"), "4242424242424242");
    await userEvent.type(screen.getByTestId("card-cvc"), "321");
    await userEvent.click(screen.getByTestId("pay-button"));
    expect(await screen.findByTestId("payment-authorised")).toHaveTextContent("held on Visa •••• 4242");
    expect(api.callsTo("POST", "/payments/pay1/sync")).toHaveLength(2);
  });

  it("says so when the gateway is Stripe but the server gave no publishable key, instead of showing a form that cannot work", async () => {
    mockApi({
      "GET /appointments/a1/payment": () => ({ body: payment() }),
      "POST /appointments/a1/payment": () => ({ body: payment({ gateway: "stripe", clientSecret: "pi_s", publishableKey: null }) }),
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable />);
    await userEvent.click(await screen.findByTestId("pay-button"));
    expect(await screen.findByTestId("gateway-unavailable")).toHaveTextContent("Card payment is not set up for this clinic yet.");
    expect(screen.queryByTestId("card-number")).not.toBeInTheDocument();
  });

  it("puts an unavailable gateway into words", async () => {
    mockApi({
      "GET /appointments/a1/payment": () => ({ body: payment() }),
      "POST /appointments/a1/payment": () => problem(503, "billing.gateway_unavailable"),
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable />);
    await userEvent.click(await screen.findByTestId("pay-button"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The payment service is unavailable right now.");
  });
});

describe("the payment's texts", () => {
  const cases: [Partial<PaymentView>, string, string | null, boolean][] = [
    [{ status: "awaitingPayment" }, "Awaiting payment", null, false],
    [{ status: "captured", captured: rub(130000), billedMinutes: 20, settlement: "visit" }, "Paid", "Charged for the visit", true],
    [{ status: "captured", captured: rub(97500), settlement: "lateCancellationFee" }, "Paid", "Late cancellation fee", true],
    // A released payment took nothing: it read "Refunded because the doctor could not attend" (found in the live walk).
    [{ status: "released", settlement: "doctorAbsent" }, "Hold released", "Nothing was charged: the doctor could not attend", false],
    [{ status: "released", settlement: "cancelledByClinic" }, "Hold released", "Nothing was charged: the clinic cancelled the visit", false],
    [{ status: "released", settlement: "technicalFailure" }, "Hold released", "Nothing was charged because of a technical failure", false],
    [{ status: "released", settlement: "emergencyAdvised" }, "Hold released", "Nothing was charged: you were advised to seek emergency care", false],
    [{ status: "released", settlement: "patientLeft" }, "Hold released", "Nothing was charged: the visit did not take place", false],
    [{ status: "released", settlement: "lateCancellationFee" }, "Hold released", "Nothing was charged: the clinic takes no late cancellation fee", false],
    [{ status: "released", settlement: "somethingNew" }, "Hold released", "Nothing was charged", false],
    [
      { status: "refunded", captured: rub(195000), refunded: rub(195000), settlement: "visit", refunds: [refund(195000, "technicalFailure")] },
      "Refunded",
      "Charged for the visit",
      true,
    ],
    [
      { status: "partiallyRefunded", captured: rub(195000), refunded: rub(50000), settlement: "visit", refunds: [refund(50000, "refundedByAdmin")] },
      "Partially refunded",
      "Charged for the visit",
      true,
    ],
    [{ status: "unpaid", amountDue: rub(97500), settlement: "noShowFee" }, "Unpaid", "Fee for a missed visit", false],
    // An unpaid visit read "Charged for the visit" though nothing was taken: it is owed.
    [{ status: "unpaid", amountDue: rub(195000), settlement: "visit" }, "Unpaid", "Due for the visit", false],
    [{ status: "unpaid", amountDue: rub(65000), settlement: "patientLeft" }, "Unpaid", "Due for the time of the visit before you left", false],
    [{ status: "released", settlement: "cancelledInTime" }, "Hold released", "Nothing was charged: you cancelled in time", false],
  ];

  it.each(cases)("%o reads as its status and settlement, with a receipt only once charged", (overrides, status, settlement, receipt) => {
    renderWithProviders(<PaymentFacts payment={payment(overrides)} />);
    expect(screen.getByTestId("payment-status")).toHaveTextContent(status);
    if (settlement) expect(screen.getByTestId("payment-settlement")).toHaveTextContent(settlement);
    else expect(screen.queryByTestId("payment-settlement")).not.toBeInTheDocument();
    if (receipt) expect(screen.getByTestId("receipt-link")).toHaveAttribute("href", "/api/v1/payments/pay1/receipt?language=en");
    else expect(screen.queryByTestId("receipt-link")).not.toBeInTheDocument();
  });

  it("after a refund names what was charged and, apart, each refund with its amount and why", () => {
    // It read "Refunded by the clinic" in place of the fee: a refund replaced the payment's settlement reason.
    const fee = payment({
      status: "partiallyRefunded",
      captured: rub(97500),
      refunded: rub(50000),
      settlement: "lateCancellationFee",
      refunds: [refund(30000, "refundedByAdmin"), refund(20000, "doctorAbsent", "2026-12-03T09:00:00Z")],
    });
    const { unmount } = renderWithProviders(<PaymentFacts payment={fee} />);
    expect(screen.getByTestId("payment-settlement")).toHaveTextContent("Late cancellation fee");
    expect(screen.getByTestId("payment-status")).toHaveTextContent("Partially refunded");
    expect(screen.getByTestId("payment-amount-captured")).toHaveTextContent("RUB 975.00");
    expect(screen.getByTestId("payment-amount-refunded")).toHaveTextContent("RUB 500.00");
    expect(screen.getAllByTestId("payment-refund").map((p) => p.textContent?.replace(/\s/g, " "))).toEqual([
      "RUB 300.00 refunded by the clinic",
      "RUB 200.00 refunded: the doctor could not attend",
    ]);
    expect(screen.getByTestId("receipt-link")).toBeInTheDocument();
    unmount();

    renderWithProviders(<PaymentFacts payment={{ ...fee, refunds: [refund(97500, "refundedByAdmin"), refund(1, "somethingNew")] }} />, { language: "ru" });
    expect(screen.getByTestId("payment-settlement")).toHaveTextContent("Штраф за позднюю отмену");
    const lines = screen.getAllByTestId("payment-refund").map((p) => p.textContent?.replace(/\s/g, " "));
    expect(lines[0]).toMatch(/^Клиника вернула 975,00 /);
    // A reason this version has no words for still says how much went back.
    expect(lines[1]).toMatch(/^Возвращено 0,01 /);
  });

  it("lists no refunds while nothing went back", () => {
    renderWithProviders(<PaymentFacts payment={payment({ status: "captured", captured: rub(97500), settlement: "lateCancellationFee" })} />);
    expect(screen.queryByTestId("payment-refunds")).not.toBeInTheDocument();
  });

  it("no longer says the card is held once the hold was released or the visit charged", () => {
    const { unmount } = renderWithProviders(
      <PaymentFacts payment={payment({ status: "released", authorised: rub(273000), settlement: "cancelledInTime", cardBrand: "visa", cardLast4: "3155" })} />,
    );
    expect(screen.getByTestId("payment-status")).toHaveTextContent("Hold released");
    expect(screen.queryByTestId("payment-amount-held")).not.toBeInTheDocument();
    unmount();
    renderWithProviders(<PaymentFacts payment={payment({ status: "captured", authorised: rub(273000), captured: rub(150000) })} />);
    expect(screen.queryByTestId("payment-amount-held")).not.toBeInTheDocument();
    expect(screen.getByTestId("payment-amount-captured")).toHaveTextContent("RUB 1,500.00");
  });

  it("after the visit is cancelled, offers no card form and reads the payment again until the hold is settled", async () => {
    let reads = 0;
    const api = mockApi({
      "GET /appointments/a1/payment": () => {
        reads += 1;
        return reads < 2
          ? { body: payment({ status: "authorised", gateway: "sandbox", authorised: rub(273000), cardBrand: "visa", cardLast4: "3155" }) }
          : { body: payment({ status: "released", authorised: rub(273000), settlement: "cancelledInTime", cardBrand: "visa", cardLast4: "3155" }) };
      },
    });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable={false} />);
    expect(await screen.findByTestId("payment-settling")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("payment-status")).toHaveAttribute("data-status", "released"), { timeout: 5000 });
    expect(screen.queryByTestId("payment-settling")).not.toBeInTheDocument();
    expect(screen.getByTestId("payment-settlement")).toHaveTextContent("cancelled in time");
    expect(api.callsTo("GET", "/appointments/a1/payment").length).toBeGreaterThanOrEqual(2);
  });

  it("shows no card form for an unpaid payment of a visit that was cancelled, but still takes a card for a fee that is due", async () => {
    mockApi({ "GET /appointments/a1/payment": () => ({ body: payment({ status: "awaitingPayment", gateway: "sandbox", clientSecret: "s" }) }) });
    const { unmount } = renderWithProviders(<PaymentPanel appointmentId="a1" payable={false} />);
    expect(await screen.findByTestId("payment-panel")).toBeInTheDocument();
    expect(screen.queryByTestId("pay-button")).not.toBeInTheDocument();
    unmount();
    mockApi({ "GET /appointments/a1/payment": () => ({ body: payment({ status: "unpaid", amountDue: rub(50000), settlement: "lateCancellationFee" }) }) });
    renderWithProviders(<PaymentPanel appointmentId="a1" payable={false} />);
    expect(await screen.findByTestId("pay-button")).toBeInTheDocument();
  }, 15000);

  it("shows captured, refunded and due amounts", () => {
    renderWithProviders(<PaymentFacts payment={payment({ status: "partiallyRefunded", captured: rub(130000), refunded: rub(30000), amountDue: rub(0) })} />);
    expect(screen.getByTestId("payment-amount-captured")).toHaveTextContent("RUB 1,300.00");
    expect(screen.getByTestId("payment-amount-refunded")).toHaveTextContent("RUB 300.00");
    expect(screen.queryByTestId("payment-amount-due")).not.toBeInTheDocument();
    expect(screen.getByTestId("receipt-link")).toHaveAttribute("download");
  });
});

describe("the payment in Russian", () => {
  it("formats the hold in roubles and says the settlement in Russian", async () => {
    const { i18n } = renderWithProviders(
      <PaymentFacts payment={payment({ status: "authorised", authorised: rub(195000), cardBrand: "visa", cardLast4: "4242", settlement: null })} />,
    );
    await act(() => i18n.changeLanguage("ru"));
    expect(screen.getByTestId("payment-authorised").textContent?.replace(/\s/g, " ")).toBe("Заблокировано: 1 950,00 ₽ на карте Visa •••• 4242");
    expect(screen.getByTestId("payment-status")).toHaveTextContent("Сумма заблокирована");
  });
});
