import type { MetricCard, OverviewMetricName } from './overview-data';

interface MetricCardsProps {
  cards: MetricCard[];
  /** The metric the time chart draws; choosing a card draws its metric. */
  charted: string;
  onChart: (metric: OverviewMetricName) => void;
}

export function MetricCards({ cards, charted, onChart }: MetricCardsProps) {
  return (
    <ul className="metric-cards" aria-label="Metrics">
      {cards.map((card) => (
        <li key={card.metric}>
          <button
            type="button"
            className="metric-card"
            aria-pressed={card.metric === charted}
            onClick={() => onChart(card.metric)}
          >
            <span className="metric-label">{card.label}</span>
            <span className="metric-value">{card.value}</span>
            {card.change !== undefined && (
              <span className={`metric-change trend-${card.trend}`}>
                {card.change} <span className="visually-hidden">against the previous period</span>
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
