import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 6238 as authenticator apps use it: HMAC-SHA1, 6 digits, 30-second steps. */
const STEP_SECONDS = 30;
const DIGITS = 6;
/** A code of the step before or after is accepted too: phone clocks drift. */
const WINDOW = 1;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const base32 = (bytes: Buffer) => {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => BASE32[parseInt(chunk.padEnd(5, '0'), 2)]).join('');
};

const fromBase32 = (text: string) => {
  const bits = [...text.replace(/=+$/, '').toUpperCase()]
    .map((char) => BASE32.indexOf(char).toString(2).padStart(5, '0'))
    .join('');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
};

/** A new shared secret: 160 random bits, base32 as apps take it. */
export const newTotpSecret = () => base32(randomBytes(20));

/** The time step a moment falls in. */
export const totpStep = (at: number) => Math.floor(at / 1000 / STEP_SECONDS);

/** The code of `step` (RFC 4226's dynamic truncation of HMAC-SHA1 over the step counter). */
export function totpCode(secret: string, step: number, digits = DIGITS): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', fromBase32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

/** The step whose code `code` is, within the window around `at`; undefined when none. */
export function matchingStep(secret: string, code: string, at: number): number | undefined {
  const now = totpStep(at);
  for (let step = now - WINDOW; step <= now + WINDOW; step++) {
    const expected = Buffer.from(totpCode(secret, step));
    const given = Buffer.from(code);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return step;
  }
  return undefined;
}

/** What an authenticator app scans (as a QR code) or takes typed in. */
export const otpauthUrl = (secret: string, account: string) =>
  `otpauth://totp/Sluice:${encodeURIComponent(account)}?secret=${secret}&issuer=Sluice&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
