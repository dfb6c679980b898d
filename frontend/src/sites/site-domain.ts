/**
 * The domain in what someone pasted as a site's: a URL's host ("https://My-Shop.example/pricing" is
 * "my-shop.example"), lower-case and without a trailing dot; anything else as typed, for the API to name its rule.
 */
export function siteDomain(input: string): string {
  const text = input.trim();
  try {
    const host = new URL(text.includes('://') ? text : `http://${text}`).hostname;
    return host.replace(/\.$/, '') || text;
  } catch {
    return text;
  }
}
