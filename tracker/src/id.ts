/**
 * A random 128-bit id as a lower-case UUID v4. Built on `crypto.getRandomValues` because `crypto.randomUUID`
 * exists only on secure origins, and customer sites may still be served over plain http.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  return Array.from(bytes, (byte) => (byte + 0x100).toString(16).slice(1))
    .join('')
    .replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
