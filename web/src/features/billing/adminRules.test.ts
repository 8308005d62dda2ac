import { describe, expect, it } from "vitest";
import type { PaymentView } from "./billingApi";
import { periodOf } from "./ReconciliationCard";
import { canRefund, checkRefund, refundableMinor } from "./refundRules";
import { fromDraft, toDraft } from "./rulesForm";

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
