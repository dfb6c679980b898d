import { isIP } from 'node:net';

/**
 * An IPv4 or IPv6 address, or a range of them in CIDR notation (`198.51.100.0/24`, `2001:db8::/32`), written as
 * the edge reads it (edge/lua/sluice/address_ranges.lua): no zone id, no spaces, a prefix within its family's
 * bits.
 */
export function isAddressRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0 || !/^[\da-fA-F:.]+$/.test(address)) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
