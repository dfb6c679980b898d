import encodeQR from 'qr';

/** The light margin around the symbol, in modules: the 4 the QR standard asks for, so a phone's camera finds it. */
const QUIET_ZONE = 4;

/** A QR code drawn as one SVG path: `size` modules square (the quiet zone included), a unit square per dark module. */
export interface QrCodeShape {
  size: number;
  path: string;
}

/**
 * The QR code of `text` (an authenticator app's `otpauth://` link). Medium error correction: the
 * authenticator apps' own choice, so the code stays small enough to scan from a phone's screen.
 */
export function qrCodeShape(text: string): QrCodeShape {
  const modules = encodeQR(text, 'raw', { border: QUIET_ZONE, ecc: 'medium' });
  const path = modules
    .flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : [])))
    .join('');
  return { size: modules.length, path };
}
