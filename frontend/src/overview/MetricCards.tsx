import { useComparisonWords } from '../reports/comparison-words';
import type { MetricCard, OverviewMetricName } from './overview-data';

interface MetricCardsProps {
  cards: MetricCard[];
  /** The metric the time chart draws; choosing a card draws its metric. */
  charted?: string;
  /** Without it (a dashboard's widget) the cards only show their numbers. */
  onChart?: (metric: OverviewMetricName) => void;
}

export function MetricCards({ cards, charted, onChart }: MetricCardsProps) {
  return (
    <ul className="metric-cards" aria-label="Metrics">
      {cards.map(({ metric, ...card }) => (
        <li key={card.label}>
          {onChart && metric ? (
            <button
              type="button"
              className="metric-card"
              aria-pressed={metric === charted}
              onClick={() => onChart(metric)}
            >
              <MetricCardBody card={card} />
            </button>
          ) : (
            <div className="metric-card" aria-busy={card.loading || undefined}>
              <MetricCardBody card={card} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function MetricCardBody({ card }: { card: Omit<MetricCard, 'metric'> }) {
  const compared = useComparisonWords();
  return (
    <>
      <span className="metric-label">{card.label}</span>
      <span className="metric-value">{card.value}</span>
      {card.change !== undefined && (
        <span className={`metric-change trend-${card.trend}`}>
          {card.change} <span className="visually-hidden">against {compared.phrase}</span>
        </span>
      )}
    </>
  );
}
