/**
 * The `Idempotency-Key` header and its syntax, apart from the store (idempotency.ts), so that the
 * gateway, which only checks and forwards the key, loads no database code.
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** A syntactically valid key, or an error message for the caller. */
export function checkIdempotencyKey(value: string): string | undefined {
  return KEY_PATTERN.test(value) ? undefined : "The Idempotency-Key is 8 to 128 characters: letters, digits, '.', '_', ':' or '-' (a UUID is a good one).";
}
