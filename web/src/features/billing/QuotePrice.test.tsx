import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi, problem } from "../../test/mockApi";
import { QuoteFact } from "./QuotePrice";

const quote = {
  amount: { amountMinor: 195000, currency: "RUB" },
  minutes: 30,
  qualificationFactor: 1.3,
  incrementMinutes: 15,
  hourlyRate: { amountMinor: 300000, currency: "RUB" },
};

function renderFact() {
  return renderWithProviders(
    <dl>
      <QuoteFact doctorId="d1" clinicId="c1" minutes={30} label="Price of the visit" testId="confirm-price" />
    </dl>,
  );
}

describe("the server's quote", () => {
  it("shows … while loading, then the server's amount (not rate × minutes), asking once per doctor, clinic and length", async () => {
    let answer: (() => void) | undefined;
    const api = mockApi({
      "GET /billing/quote": () => new Promise((resolve) => (answer = () => resolve({ body: quote }))),
    });
    renderFact();
    expect(await screen.findByTestId("confirm-price")).toHaveTextContent("…");
    answer!();
    await waitFor(() => expect(screen.getByTestId("confirm-price")).toHaveTextContent("RUB 1,950.00"));
    expect(Object.fromEntries(api.callsTo("GET", "/billing/quote")[0]!.query)).toEqual({ doctorId: "d1", clinicId: "c1", minutes: "30" });
  });

  it("shows nothing, not a wrong number, when the price cannot be had", async () => {
    const api = mockApi({ "GET /billing/quote": () => problem(422, "billing.invalid_rate") });
    renderFact();
    await waitFor(() => expect(api.callsTo("GET", "/billing/quote")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId("confirm-price")).not.toBeInTheDocument());
    expect(screen.queryByText("Price of the visit")).not.toBeInTheDocument();
  });
});
