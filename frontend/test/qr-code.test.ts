import assert from 'node:assert/strict';
import { decodeQR } from 'qr/decode.js';
import { test } from 'vitest';
import { qrCodeShape } from '../src/auth/qr-code.js';

/** The path's unit squares painted black on white, `scale` pixels a module, as an RGBA image a camera would see. */
function paint({ size, path }: { size: number; path: string }, scale = 4) {
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let row = 0; row < scale; row++) {
      for (let column = 0; column < scale; column++) {
        const pixel = ((Number(y) * scale + row) * width + Number(x) * scale + column) * 4;
        data.fill(0, pixel, pixel + 3);
      }
    }
  }
  return { width, height: width, data };
}

const LINK =
  'otpauth://totp/Sluice:owner%40shop.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Sluice&algorithm=SHA1&digits=6&period=30';

test('the QR code drawn from the path reads back as the authenticator link', () => {
  const shape = qrCodeShape(LINK);
  // Version 8 at medium error correction (49 modules), with a quiet zone of 4 on each side.
  assert.equal(shape.size, 57);
  assert.equal(decodeQR(paint(shape)), LINK);
});

test('nothing is drawn in the quiet zone', () => {
  const { size, path } = qrCodeShape(LINK);
  const corners = [...path.matchAll(/M(\d+) (\d+)/g)].map(([, x, y]) => [Number(x), Number(y)]);
  assert.deepEqual(
    corners.filter(([x, y]) => Math.min(x, y) < 4 || Math.max(x, y) >= size - 4),
    [],
  );
});
