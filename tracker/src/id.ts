/**
 * A random 128-bit id as 32 lower-case hex digits (the edge stores event ids as UUID text). Built on
 * `crypto.getRandomValues` because `crypto.randomUUID` exists only on secure origins, and customer
 * sites may still be served over plain http.
 */
export const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => (byte + 256).toString(16).slice(1)).join(
    '',
  );
