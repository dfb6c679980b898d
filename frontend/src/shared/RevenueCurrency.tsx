import { usePageOptions } from '../routing/useReportView';
import { ChipChoice } from './ChipChoice';
import { revenueCurrencies, revenueIn, shownCurrency, type Revenue } from './revenue';

/**
 * The currency a page's revenue is shown in (`currency=` in the URL, so a link reopens it): the one most of
 * `revenues` carry unless the reader chose another. Undefined where no row has revenue.
 */
export function useRevenueCurrency(revenues: Revenue[]) {
  const [options, changeOptions] = usePageOptions();
  const currencies = revenueCurrencies(revenues);
  return {
    currencies,
    currency: shownCurrency(currencies, options.get('currency')),
    choose: (currency: string) => changeOptions({ currency }),
  };
}

/** Chips to switch a card's revenue between its currencies; nothing to choose with one currency or none. */
export function CurrencyChoice({ currencies, currency, choose }: ReturnType<typeof useRevenueCurrency>) {
  if (currencies.length < 2 || currency === undefined) return null;
  return (
    <ChipChoice
      label="Revenue currency"
      options={currencies}
      chosen={currency}
      nameOf={(code) => code}
      onChoose={choose}
    />
  );
}

/** A table's revenue cell in the chosen currency, named "Revenue" where a phone shows each row as a block. */
export function RevenueCell({ revenue, currency }: { revenue: Revenue; currency: string }) {
  return (
    <td className="number conversions-revenue" data-label="Revenue">
      {revenueIn(revenue, currency)}
    </td>
  );
}
