/**
 * The demo site an admin can add (backend/src/demo): a shop with generated traffic. Its domain is reserved
 * (RFC 2606), so it is nobody's real site, and the panel knows a demo site by it.
 */
export const DEMO_SITE = {
  name: 'Demo shop',
  domain: 'demo-shop.example',
  timezone: 'Europe/Berlin',
  /**
   * Its generated visitors come back on other days, as only a persistent site's can be followed: a cookieless
   * one's retention page would say nobody is followed past a day, above weeks of returns.
   */
  privacyMode: 'persistent',
  /** Days of traffic it gets, ending now: the panel's everyday period (30 days) and the one it is compared with. */
  days: 60,
  /** Rows over those days the panel asks for: a shop of about 1,000 visits a day. */
  events: 400_000,
} as const;
