import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { purposeKey } from '../auth/sealed.js';
import { SIGNING_SECRET } from '../auth/signing-secret.js';

/** What every API key starts with, so that a key is told from an access token (and found by secret scanners). */
export const API_KEY_PREFIX = 'slk_';
/** 256 random bits after the prefix: nothing to guess, so a fast hash is all a stored key needs. */
const KEY = /^slk_[A-Za-z0-9_-]{43}$/;
/** How much of a key a list shows: the prefix and 8 characters (48 of its 256 bits). */
const VISIBLE_LENGTH = API_KEY_PREFIX.length + 8;

/** Whether a bearer credential is meant as an API key (well-formed or not), rather than an access token. */
export const isApiKey = (credential: string) => credential.startsWith(API_KEY_PREFIX);

/** A new key: the key itself, shown once, and what is stored of it. */
export interface NewApiKeySecret {
  key: string;
  prefix: string;
  hash: string;
}

/**
 * Makes and recognises API keys. A key is stored only as HMAC-SHA-256 under a key derived from the signing
 * secret: random keys need no slow hash (there is no dictionary to try), and a copy of the database alone
 * (when SLUICE_JWT_SECRET is set outside it) can't even check a candidate. Changing the signing secret
 * therefore ends every API key, as it ends every session.
 */
@Injectable()
export class ApiKeySecrets {
  private readonly hmacKey: Buffer;

  constructor(@Inject(SIGNING_SECRET) signingSecret: string) {
    this.hmacKey = purposeKey(signingSecret, 'api keys');
  }

  generate(): NewApiKeySecret {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    return { key, prefix: key.slice(0, VISIBLE_LENGTH), hash: this.hash(key) };
  }

  /** The stored hash of `key`; undefined for something no key looks like. */
  hashOf(key: string): string | undefined {
    return KEY.test(key) ? this.hash(key) : undefined;
  }

  private hash(key: string): string {
    return createHmac('sha256', this.hmacKey).update(key).digest('base64url');
  }
}
