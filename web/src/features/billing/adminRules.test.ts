import { describe, expect, it } from "vitest";
import type { PaymentView } from "./billingApi";
import { periodOf } from "./ReconciliationCard";
import { canRefund, checkRefund, refundableMinor } from "./refundRules";
import { fromDraft, toDraft } from "./rulesForm";
import { minorToMajorString, minorUnitFactor } from "../../shared/ui/format";

const rub = (amountMinor: number) => ({ amountMinor, currency: "RUB" });
const charged = { status: "partiallyRefunded", captured: rub(195000), refunded: rub(50000) } as PaymentView;

describe("refunds", () => {
  it("allow at most what was charged and not yet refunded", () => {
    expect(refundableMinor(charged)).toBe(145000);
    expect(checkRefund(charged, "1450", "Doctor was late")).toEqual({ amountMinor: 145000 });
    expect(checkRefund(charged, "1 450,01", "Doctor was late")).toEqual({ error: "amount" });
    expect(checkRefund(charged, "0", "Doctor was late")).toEqual({ error: "amount" });
    expect(checkRefund(charged, "abc", "Doctor was late")).toEqual({ error: "amount" });
    expect(checkRefund(charged, "100,50", "  ")).toEqual({ error: "reason" });
  });

  it("refuse an amount with more decimals than the currency has instead of refunding a rounded one", () => {
    // 1.005 RUB was sent as 100 kopecks (1.00 RUB): money moved that nobody typed.
    expect(checkRefund(charged, "1.005", "Goodwill")).toEqual({ error: "amount" });
    expect(checkRefund(charged, "0.001", "Goodwill")).toEqual({ error: "amount" });
    expect(checkRefund(charged, "1.50", "Goodwill")).toEqual({ amountMinor: 150 });
    expect(checkRefund(charged, "1.500", "Goodwill")).toEqual({ amountMinor: 150 });
    expect(checkRefund(charged, "0.29", "Goodwill")).toEqual({ amountMinor: 29 });
    // Three-decimal and zero-decimal currencies: the default amount offered is exactly what is left, and it parses back to it.
    const kwd = { status: "captured", captured: { amountMinor: 1234, currency: "KWD" }, refunded: { amountMinor: 0, currency: "KWD" } } as PaymentView;
    expect(minorToMajorString(1234, minorUnitFactor("KWD"))).toBe("1.234");
    expect(checkRefund(kwd, minorToMajorString(1234, minorUnitFactor("KWD")), "Goodwill")).toEqual({ amountMinor: 1234 });
    const jpy = { status: "captured", captured: { amountMinor: 5000, currency: "JPY" }, refunded: { amountMinor: 0, currency: "JPY" } } as PaymentView;
    expect(checkRefund(jpy, "4999.5", "Goodwill")).toEqual({ error: "amount" });
    expect(checkRefund(jpy, "4999", "Goodwill")).toEqual({ amountMinor: 4999 });
  });

  it("are offered only for charged payments with something left", () => {
    expect(canRefund(charged)).toBe(true);
    expect(canRefund({ ...charged, status: "authorised" })).toBe(false);
    expect(canRefund({ ...charged, status: "refunded", refunded: rub(195000) })).toBe(false);
  });
});

describe("the billing rules form", () => {
  const rules = { incrementMinutes: 15, minimumChargeMinor: 50000, factorNone: 1, factorSecond: 1.1, factorFirst: 1.2, factorHighest: 1.3, lateCancellationFeePercent: 50 };

  it("round-trips the rules, the minimum charge in major units", () => {
    const draft = toDraft(rules);
    expect(draft.minimumChargeMinor).toBe("500");
    expect(fromDraft(draft)).toEqual(rules);
    expect(fromDraft({ ...draft, factorHighest: "1,35", minimumChargeMinor: "499,99" })).toMatchObject({ factorHighest: 1.35, minimumChargeMinor: 49999 });
  });

  it("refuses values out of range", () => {
    const draft = toDraft(rules);
    expect(fromDraft({ ...draft, incrementMinutes: "0" })).toBeUndefined();
    expect(fromDraft({ ...draft, incrementMinutes: "7.5" })).toBeUndefined();
    expect(fromDraft({ ...draft, lateCancellationFeePercent: "101" })).toBeUndefined();
    expect(fromDraft({ ...draft, factorFirst: "0" })).toBeUndefined();
    expect(fromDraft({ ...draft, minimumChargeMinor: "-1" })).toBeUndefined();
  });
});

describe("the reconciliation period", () => {
  it("includes the last picked day (the API's end is exclusive)", () => {
    expect(periodOf("2026-11-25", "2026-12-01")).toEqual({ from: "2026-11-25T00:00:00Z", to: "2026-12-02T00:00:00Z" });
  });
});
