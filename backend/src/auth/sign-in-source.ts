import { isIPv4, isIPv6 } from 'node:net';

/** The 8 groups of 16 bits of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 part converted). */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = dotted
    ? `${address.slice(0, dotted.index)}${((+dotted[1] << 8) | +dotted[2]).toString(16)}:${((+dotted[3] << 8) | +dotted[4]).toString(16)}`
    : address;
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const [head, tail] = text.split('::');
  if (tail === undefined) return groups(head);
  const [left, right] = [groups(head), groups(tail)];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Whom a sign-in attempt comes from, as far as throttling goes: an IPv4 address, or the /64 network of
 * an IPv6 one — a single subscriber is usually given a whole /64 (RFC 6177), so its 2^64 addresses are
 * one client. An IPv4-mapped IPv6 address (`::ffff:198.51.100.7`, how a dual-stack socket shows an IPv4
 * client) is that IPv4 address.
 */
export function signInSource(address: string): string {
  const plain = address.replace(/%.*$/, ''); // a zone index names an interface, not a client
  if (isIPv4(plain) || !isIPv6(plain)) return plain;
  const groups = ipv6Groups(plain);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff)
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
