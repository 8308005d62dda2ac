/**
 * RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, 6 digits), computed in the browser for the
 * demo accounts the Development sign-in page lists: a newcomer can sign in as staff without an authenticator app.
 * Never used for real accounts (their keys never leave the server).
 */
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Decodes an RFC 4648 base32 key (case, spaces and padding ignored); throws on other characters. */
export function base32Decode(key: string): Uint8Array {
  const clean = key.toUpperCase().replace(/[\s=]/g, "");
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error("Not a base32 key.");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(bytes);
}

/** The 30-second step an instant (epoch ms) falls in. */
export function totpStep(epochMs: number): number {
  return Math.floor(epochMs / 30_000);
}

/** Milliseconds until the code shown at `epochMs` changes. */
export function msUntilNextStep(epochMs: number): number {
  return 30_000 - (epochMs % 30_000);
}

/** The 6-digit code for a raw key at a step (RFC 4226 dynamic truncation). */
export async function hotp(key: Uint8Array, step: number): Promise<string> {
  // Big-endian 8-byte counter; a Uint8Array (not a bare ArrayBuffer) works across realms (jsdom in tests).
  const counter = new Uint8Array(8);
  let rest = step;
  for (let i = 7; i >= 0; i--) {
    counter[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  const cryptoKey = await crypto.subtle.importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, counter as BufferSource));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return (binary % 1_000_000).toString().padStart(6, "0");
}

/** The code an authenticator app shows for a base32 key at an instant (epoch ms). */
export function totpCode(base32Key: string, epochMs: number): Promise<string> {
  return hotp(base32Decode(base32Key), totpStep(epochMs));
}

/** "VVCP 7JTM 56WT …": a key in groups of four, easier to type into an authenticator app. */
export function groupKey(key: string): string {
  return key.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}
