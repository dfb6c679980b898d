/**
 * The channels a visit can come through, as the edge classifies each event (`channel`, contract v8;
 * the rules are in edge/README.md, Channels): close to GA4's default channel grouping, folded into
 * fewer groups. `ai` is a chat assistant or answer engine (ChatGPT, Perplexity, Claude, …); `paid`
 * takes every paid medium (search, social, display) and ad click ids; `referral` any other site or a
 * tagged link of no known kind; `direct` no referrer and no tags.
 */
export const CHANNELS = ['search', 'social', 'email', 'paid', 'video', 'ai', 'referral', 'direct'] as const;
export type Channel = (typeof CHANNELS)[number];
