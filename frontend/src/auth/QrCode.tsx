import { qrCodeShape } from './qr-code';

/**
 * A QR code as inline SVG (the panel's Content-Security-Policy allows no `data:` image), dark on light in
 * either theme: authenticator apps read dark modules on a light ground.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = qrCodeShape(text);
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect className="qr-code-ground" width={size} height={size} />
      <path className="qr-code-modules" d={path} />
    </svg>
  );
}
