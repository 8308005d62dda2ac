import { describe, expect, it } from "vitest";
import { base32Decode, groupKey, hotp, msUntilNextStep, totpCode, totpStep } from "./demoTotp";

// RFC 6238 appendix B: the ASCII key "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ).
const RFC_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("demo authenticator codes", () => {
  it("decodes base32 keys, ignoring case, spaces and padding", () => {
    expect(new TextDecoder().decode(base32Decode(RFC_KEY))).toBe("12345678901234567890");
    expect(new TextDecoder().decode(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq=="))).toBe("12345678901234567890");
    expect(() => base32Decode("not-base32!")).toThrow();
  });

  it("matches the RFC 6238 SHA-1 test vectors (last six digits)", async () => {
    expect(await totpCode(RFC_KEY, 59_000)).toBe("287082");
    expect(await totpCode(RFC_KEY, 1_111_111_109_000)).toBe("081804");
    expect(await totpCode(RFC_KEY, 1_234_567_890_000)).toBe("005924");
    expect(await totpCode(RFC_KEY, 20_000_000_000_000)).toBe("353130");
  });

  it("matches the RFC 4226 HOTP vectors", async () => {
    const key = new TextEncoder().encode("12345678901234567890");
    expect(await hotp(key, 0)).toBe("755224");
    expect(await hotp(key, 9)).toBe("520489");
  });

  it("changes every 30 seconds", () => {
    expect(totpStep(29_999)).toBe(0);
    expect(totpStep(30_000)).toBe(1);
    expect(msUntilNextStep(31_000)).toBe(29_000);
  });

  it("groups a key in fours", () => {
    expect(groupKey("VVCP7JTM56WTGBWZ")).toBe("VVCP 7JTM 56WT GBWZ");
  });
});
