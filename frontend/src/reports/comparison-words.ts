import { createContext, useContext } from 'react';
import type { ViewComparison } from '../../../config/src/view-periods.js';

/** How a page names the period its numbers are compared with: a legend's label, and within a sentence. */
export interface ComparisonWords {
  label: string;
  phrase: string;
}

const PREVIOUS_PERIOD: ComparisonWords = { label: 'Previous period', phrase: 'the previous period' };

const WORDS: Record<ViewComparison, ComparisonWords> = {
  previous: PREVIOUS_PERIOD,
  year: { label: 'Same days last year', phrase: 'the same days last year' },
  // Nothing is compared then: no card or legend says it.
  none: PREVIOUS_PERIOD,
};

/** The words for a view's comparison. */
export const comparisonWords = (comparison: ViewComparison): ComparisonWords => WORDS[comparison];

/**
 * The comparison's words for every card, chart and legend of a page or widget, set once where its view is
 * read (Dashboard, WidgetCard) rather than passed down through each.
 */
export const ComparisonWordsContext = createContext<ComparisonWords>(PREVIOUS_PERIOD);

export const useComparisonWords = () => useContext(ComparisonWordsContext);
