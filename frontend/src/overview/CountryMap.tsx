import type { KeyboardEvent } from 'react';
import { formatCount, formatCountOf } from '../shared/format';
import type { BreakdownLine } from './breakdown-data';
import { MAP_SHADES, mapCountries, offTheMap } from './country-map-data';
import { worldMap } from './world-map';

interface CountryMapProps {
  /** Every country of the period (not a card's ten): the map shades each. */
  lines: BreakdownLine[];
  /** A country's code becomes a filter of the whole page. */
  onFilter: (code: string) => void;
}

const visitorsOf = (count: number) => formatCountOf(count, 'visitor');

/**
 * The countries on a world map, each shaded by its visitors (country-map-data.ts). A country with visitors is
 * a button: its name and count on hover (and to a screen reader), and a click or Enter filters the page by it.
 * Loaded when the Map tab is first chosen: the map's shapes and projection stay out of the overview's code.
 */
export function CountryMap({ lines, onFilter }: CountryMapProps) {
  const { width, height, shapes, codes } = worldMap();
  const { countries, most } = mapCountries(lines);
  const unmapped = offTheMap(lines, codes);
  const onKey = (code: string) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onFilter(code);
  };

  return (
    <figure className="country-map">
      <svg viewBox={`0 0 ${width} ${height}`} role="group" aria-label="Visitors by country, on a world map">
        {shapes.map(({ code, d }, index) => {
          const country = countries.get(code);
          return country ? (
            <path
              key={index}
              d={d}
              className={`map-country map-shade-${country.shade}`}
              role="button"
              tabIndex={0}
              aria-label={`${country.label}: ${visitorsOf(country.visitors)}; filter by it`}
              onClick={() => onFilter(code)}
              onKeyDown={onKey(code)}
            >
              <title>{`${country.label}: ${visitorsOf(country.visitors)}`}</title>
            </path>
          ) : (
            <path key={index} d={d} className="map-country" aria-hidden="true" />
          );
        })}
      </svg>
      <figcaption className="map-legend">
        <span>{visitorsOf(1)}</span>
        <span className="map-legend-steps" aria-hidden="true">
          {Array.from({ length: MAP_SHADES }, (_, index) => (
            <span key={index} className={`map-legend-step map-shade-${index + 1}`} />
          ))}
        </span>
        <span>{visitorsOf(most)}</span>
      </figcaption>
      {unmapped.length > 0 && (
        <p className="map-unmapped">
          Not on the map:{' '}
          {unmapped.map((line, index) => (
            <span key={line.value}>
              {index > 0 && ', '}
              <button type="button" className="link-button" onClick={() => onFilter(line.value)}>
                {line.label}
              </button>{' '}
              {formatCount(line.visitors)}
            </span>
          ))}
        </p>
      )}
    </figure>
  );
}
