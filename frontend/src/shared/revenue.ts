import { formatMoney } from './format.js';

/** Revenue as the API gives a row's: an exact decimal amount per currency code; none where it has none. */
export type Revenue = Record<string, string> | undefined;

/**
 * The currencies a table's rows have revenue in, the one most rows carry first, then alphabetically. Amounts
 * of different currencies are never added up or converted (there is no rate to trust), so a table shows one
 * currency at a time and lets the reader switch.
 */
export function revenueCurrencies(revenues: Revenue[]): string[] {
  const rows = new Map<string, number>();
  for (const currency of revenues.flatMap((revenue) => Object.keys(revenue ?? {}))) {
    rows.set(currency, (rows.get(currency) ?? 0) + 1);
  }
  return [...rows].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).map(([currency]) => currency);
}

/** The currency shown: the one named (in the URL, by the page) where the table has it, else the table's first. */
export const shownCurrency = (currencies: string[], named: string | null | undefined): string | undefined =>
  currencies.find((currency) => currency === named) ?? currencies[0];

/** A row's revenue in `currency` as people read money, "—" where it has none in that currency. */
export const revenueIn = (revenue: Revenue, currency: string, locale?: string): string => {
  const amount = revenue?.[currency];
  return amount === undefined ? '—' : formatMoney(amount, currency, locale);
};
