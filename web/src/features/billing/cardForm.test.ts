import { describe, expect, it } from "vitest";
import { formatCardNumber, parseExpiry, passesLuhn, toSandboxCard, validateCard } from "./cardForm";

const now = new Date(2026, 11, 1);

describe("the card form's checks", () => {
  it("accepts a test card with a future expiry and a three-digit CVC", () => {
    expect(validateCard({ number: "4242 4242 4242 4242", expiry: "12/29", cvc: "123" }, now)).toEqual({});
    expect(validateCard({ number: "4000-0025-0000-3155", expiry: "1229", cvc: "1234" }, now)).toEqual({});
  });

  it("asks for every empty field", () => {
    expect(validateCard({ number: " ", expiry: "", cvc: "" }, now)).toEqual({ number: "numberRequired", expiry: "expiryRequired", cvc: "cvcInvalid" });
  });

  it("refuses a mistyped number (Luhn), letters and too few digits", () => {
    expect(validateCard({ number: "4242 4242 4242 4241", expiry: "12/29", cvc: "123" }, now).number).toBe("numberInvalid");
    expect(validateCard({ number: "4242 abcd 4242 4242", expiry: "12/29", cvc: "123" }, now).number).toBe("numberInvalid");
    expect(validateCard({ number: "4242", expiry: "12/29", cvc: "123" }, now).number).toBe("numberInvalid");
  });

  it("takes a card valid to the end of its month and refuses last month's", () => {
    expect(validateCard({ number: "4242424242424242", expiry: "12/26", cvc: "123" }, now).expiry).toBeUndefined();
    expect(validateCard({ number: "4242424242424242", expiry: "11/26", cvc: "123" }, now).expiry).toBe("expiryPast");
    expect(validateCard({ number: "4242424242424242", expiry: "13/29", cvc: "123" }, now).expiry).toBe("expiryInvalid");
    expect(validateCard({ number: "4242424242424242", expiry: "12/2029", cvc: "123" }, now).expiry).toBe("expiryInvalid");
  });

  it("refuses a CVC that is not 3 or 4 digits", () => {
    expect(validateCard({ number: "4242424242424242", expiry: "12/29", cvc: "12" }, now).cvc).toBe("cvcInvalid");
    expect(validateCard({ number: "4242424242424242", expiry: "12/29", cvc: "12a" }, now).cvc).toBe("cvcInvalid");
  });

  it("helps typing and sends digits, month and four-digit year", () => {
    expect(formatCardNumber("42424242x42")).toBe("4242 4242 42");
    expect(parseExpiry("3/30")).toEqual({ month: 3, year: 2030 });
    expect(passesLuhn("5555555555554444")).toBe(true);
    expect(toSandboxCard({ number: "4242 4242 4242 4242", expiry: "07/31", cvc: " 123 " })).toEqual({
      cardNumber: "4242424242424242",
      expiryMonth: 7,
      expiryYear: 2031,
      cvc: "123",
    });
  });
});
