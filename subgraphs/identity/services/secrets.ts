import { createHash, createHmac, randomBytes, randomInt } from "node:crypto";

/** SHA-256, hex. Enough for high-entropy secrets (API keys and tokens): nothing to brute-force. */
export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** A short fingerprint shown next to a key so that a holder can tell which key it has (ID-R24). */
export function fingerprint(value: string): string {
  return sha256(value).slice(0, 12);
}

export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString("base64url")}`;
}

// No 0/O, 1/I/L: the code is typed from a paper letter.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** A 16-character onboarding code (about 79 bits), printed as XXXX-XXXX-XXXX-XXXX. */
export function newOnboardingCode(): string {
  let raw = "";
  for (let i = 0; i < 16; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return raw.match(/.{4}/g)!.join("-");
}

export function normaliseOnboardingCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

/**
 * Onboarding codes are stored as an HMAC with a server-side pepper (ONBOARDING_CODE_PEPPER): the
 * database alone does not reveal or confirm a code.
 */
export function hashOnboardingCode(code: string, pepper: string): string {
  return createHmac("sha256", pepper).update(normaliseOnboardingCode(code)).digest("hex");
}

/**
 * Swiss UID `CHE-123.456.789`: eight digits plus a check digit, weights 5,4,3,2,7,6,5,4 mod 11
 * (background, not in sources: the UID ordinance's check-digit method).
 */
export function normaliseUid(input: string): string | null {
  const digits = input.replace(/^CHE/i, "").replace(/[^0-9]/g, "");
  if (!/^CHE/i.test(input.trim()) || digits.length !== 9) return null;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  if (check === 10 || expected !== Number(digits[8])) return null;
  return `CHE-${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}`;
}

/** Builds a valid UID from its first eight digits (seed data and tests). */
export function uidFromDigits(eightDigits: string): string {
  for (let last = 0; last <= 9; last++) {
    const candidate = `CHE-${eightDigits.slice(0, 3)}.${eightDigits.slice(3, 6)}.${eightDigits.slice(6, 8)}${last}`;
    if (normaliseUid(candidate)) return candidate;
  }
  throw new Error(`no check digit exists for ${eightDigits}`);
}
