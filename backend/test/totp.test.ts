import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchingStep, newTotpSecret, totpCode, totpStep } from '../src/auth/totp.js';

// RFC 6238, appendix B: the SHA-1 seed "12345678901234567890", base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('codes match the RFC 6238 test vectors', () => {
  const vectors: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [seconds, code] of vectors)
    assert.equal(totpCode(RFC_SECRET, totpStep(seconds * 1000), 8), code);
});

test('a code is accepted one step early or late, not two; secrets are 160 random bits in base32', () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.notEqual(newTotpSecret(), secret);
  const at = Date.UTC(2026, 10, 23, 12, 0, 15);
  const step = totpStep(at);
  for (const offset of [-1, 0, 1])
    assert.equal(matchingStep(secret, totpCode(secret, step + offset), at), step + offset);
  for (const offset of [-2, 2])
    assert.equal(matchingStep(secret, totpCode(secret, step + offset), at), undefined);
  assert.equal(matchingStep(secret, '12345', at), undefined);
});
