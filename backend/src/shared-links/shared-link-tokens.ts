import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { purposeKey, seal, unseal } from '../auth/sealed.js';
import { SIGNING_SECRET } from '../auth/signing-secret.js';

/** A link's token: `shr_` and 256 random bits, nothing to guess; the URL carries it, the database its hash. */
const TOKEN = /^shr_[A-Za-z0-9_-]{43}$/;
/** How much of a token a list shows (48 of its 256 bits): enough to tell links apart. */
const VISIBLE_LENGTH = 12;
/** How long a password unlocks a link for: a visit's length, not a standing credential. */
export const VIEW_TOKEN_MS = 60 * 60 * 1000;

export interface NewSharedLinkToken {
  token: string;
  prefix: string;
  hash: string;
}

/** What a view token says: which link it unlocks, until when. */
interface ViewClaim {
  link: number;
  until: number;
}

/**
 * Makes and recognises shared links' tokens, and the short-lived view tokens a link's password unlocks.
 * A token is stored as HMAC-SHA-256 under a key derived from the signing secret (as API keys are): random
 * tokens need no slow hash, and a copy of the database alone can't check one.
 */
@Injectable()
export class SharedLinkTokens {
  private readonly hmacKey: Buffer;
  private readonly viewKey: Buffer;

  constructor(@Inject(SIGNING_SECRET) signingSecret: string) {
    this.hmacKey = purposeKey(signingSecret, 'shared links');
    this.viewKey = purposeKey(signingSecret, 'shared link views');
  }

  generate(): NewSharedLinkToken {
    const token = `shr_${randomBytes(32).toString('base64url')}`;
    return { token, prefix: token.slice(0, VISIBLE_LENGTH), hash: this.hash(token) };
  }

  /** The stored hash of `token`; undefined for something no token looks like. */
  hashOf(token: string): string | undefined {
    return TOKEN.test(token) ? this.hash(token) : undefined;
  }

  /** A view token for link `link`, sealed (AES-GCM), good until `until`. */
  viewToken(link: number, until: number): string {
    return seal({ link, until } satisfies ViewClaim, this.viewKey);
  }

  /** Whether `viewToken` unlocks link `link` at `now`. */
  unlocks(viewToken: string | undefined, link: number, now: number): boolean {
    const claim = viewToken ? unseal<ViewClaim>(viewToken, this.viewKey) : undefined;
    return claim?.link === link && claim.until > now;
  }

  private hash(token: string): string {
    return createHmac('sha256', this.hmacKey).update(token).digest('base64url');
  }
}
