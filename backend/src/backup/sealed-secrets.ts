import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { BackupError } from './backup-error.js';

/**
 * The archive's secrets under a passphrase: a key derived with scrypt (a fresh salt per archive) and AES-256-GCM,
 * whose tag makes a wrong passphrase (or a changed byte) fail to open instead of yielding garbage. The
 * passphrase is never written anywhere; the parameters travel with the sealed bytes so a later version can
 * still open them.
 */
interface SealedFile {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

/** scrypt's cost: 2^15 × 8 × 128 bytes = 32 MiB of memory and about 0.1 s per derivation. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const MAX_MEMORY = 64 * 1024 * 1024;
export const MIN_PASSPHRASE_LENGTH = 12;

function deriveKey(
  passphrase: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) =>
    scrypt(passphrase, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function checkPassphrase(passphrase: string | undefined): string {
  if (!passphrase || passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new BackupError(
      `A passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters is needed (--passphrase-file or SLUICE_BACKUP_PASSPHRASE): it seals the archive's secrets`,
    );
  return passphrase;
}

export async function seal(plain: Buffer, passphrase: string): Promise<Buffer> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, COST), iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const sealed: SealedFile = {
    kdf: 'scrypt',
    ...COST,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return Buffer.from(JSON.stringify(sealed));
}

export async function open(bytes: Buffer, passphrase: string): Promise<Buffer> {
  const sealed = JSON.parse(bytes.toString('utf8')) as SealedFile;
  if (sealed.kdf !== 'scrypt' || sealed.cipher !== 'aes-256-gcm')
    throw new BackupError(
      `The archive's secrets are sealed with ${sealed.kdf}/${sealed.cipher}, unknown here`,
    );
  const key = await deriveKey(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    // GCM's tag check is the only failure here: the key (so the passphrase) is not the one that sealed it.
    throw new BackupError("Wrong passphrase: it does not open the archive's secrets. Nothing was restored");
  }
}
