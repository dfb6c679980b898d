import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): tens of milliseconds per guess. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

/** False for a wrong password and for a hash this library can't read. */
export const verifyPassword = (hash: string, password: string) =>
  argon2.verify(hash, password).catch(() => false);

let decoy: Promise<string> | undefined;

/** Spends one verification on nothing, so an unknown email takes as long to refuse as a wrong password. */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await decoy, password);
  return false;
}

/** A one-time password (144 random bits): shown once, to be changed at the first login. */
export const oneTimePassword = () => randomBytes(18).toString('base64url');
