import { describe, expect, it } from "vitest";
import { base32OfUtf8, matchTotp, newTotpSecret, totpCode, totpStep, totpUri } from "./totp";

// RFC 6238 Appendix B, through our wrapper: the seeds are the ASCII strings of the RFC's reference code, 8 digits.
const SEEDS = {
  SHA1: "12345678901234567890",
  SHA256: "12345678901234567890123456789012",
  SHA512: "1234567890123456789012345678901234567890123456789012345678901234",
} as const;
const VECTORS: [number, Record<keyof typeof SEEDS, string>][] = [
  [59, { SHA1: "94287082", SHA256: "46119246", SHA512: "90693936" }],
  [1111111109, { SHA1: "07081804", SHA256: "68084774", SHA512: "25091201" }],
  [1111111111, { SHA1: "14050471", SHA256: "67062674", SHA512: "99943326" }],
  [1234567890, { SHA1: "89005924", SHA256: "91819424", SHA512: "93441116" }],
  [2000000000, { SHA1: "69279037", SHA256: "90698825", SHA512: "38618901" }],
  [20000000000, { SHA1: "65353130", SHA256: "77737706", SHA512: "47863826" }],
];

describe("RFC 6238 Appendix B test vectors", () => {
  for (const [seconds, expected] of VECTORS) {
    for (const algorithm of ["SHA1", "SHA256", "SHA512"] as const) {
      it(`T=${seconds} ${algorithm} -> ${expected[algorithm]}`, () => {
        const params = { secretBase32: base32OfUtf8(SEEDS[algorithm]), digits: 8, algorithm };
        const at = new Date(seconds * 1000);
        expect(totpCode(params, at)).toBe(expected[algorithm]);
        // And the check accepts it at that instant, reporting its step.
        expect(matchTotp(params, expected[algorithm], at)).toBe(Math.floor(seconds / 30));
      });
    }
  }
});

describe("the app's parameters", () => {
  const secretBase32 = newTotpSecret();
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, 15)); // mid-step
  const step = totpStep(at);
  const codeAtStep = (s: number) => totpCode({ secretBase32 }, new Date(s * 30_000 + 1000));

  it("makes 160-bit secrets and six-digit codes", () => {
    expect(secretBase32).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpCode({ secretBase32 }, at)).toMatch(/^\d{6}$/);
  });

  it("accepts ±1 step of drift and refuses ±2", () => {
    expect(matchTotp({ secretBase32 }, codeAtStep(step), at)).toBe(step);
    expect(matchTotp({ secretBase32 }, codeAtStep(step - 1), at)).toBe(step - 1);
    expect(matchTotp({ secretBase32 }, codeAtStep(step + 1), at)).toBe(step + 1);
    expect(matchTotp({ secretBase32 }, codeAtStep(step - 2), at)).toBeNull();
    expect(matchTotp({ secretBase32 }, codeAtStep(step + 2), at)).toBeNull();
  });

  it("refuses anything that is not six digits", () => {
    const code = codeAtStep(step);
    expect(matchTotp({ secretBase32 }, ` ${code}x`, at)).toBeNull();
    expect(matchTotp({ secretBase32 }, code.slice(0, 5), at)).toBeNull();
  });

  it("writes an otpauth URI authenticator apps read", () => {
    const uri = new URL(totpUri({ secretBase32 }, "hr@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(uri.searchParams.get("secret")).toBe(secretBase32);
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});
