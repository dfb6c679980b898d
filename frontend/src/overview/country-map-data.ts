import type { BreakdownLine } from './breakdown-data.js';

/** Shades a country with visitors can take, 1 (fewest) to MAP_SHADES (most); 0 is none. */
export const MAP_SHADES = 8;

export interface MapCountry {
  label: string;
  visitors: number;
  /** 1–MAP_SHADES by visitors; a country without any is absent. */
  shade: number;
}

/**
 * Each country's shade on the map, by its share of the country with the most visitors (`most`, the legend's
 * top) on a square-root scale: visitors pile up in a few countries, and on a linear one all the others would
 * look alike.
 */
export function mapCountries(lines: BreakdownLine[]): { countries: Map<string, MapCountry>; most: number } {
  const most = Math.max(0, ...lines.map((line) => line.visitors));
  const countries = new Map(
    lines
      .filter((line) => line.visitors > 0)
      .map((line) => [
        line.value,
        {
          label: line.label,
          visitors: line.visitors,
          shade: Math.max(1, Math.ceil(Math.sqrt(line.visitors / most) * MAP_SHADES)),
        },
      ]),
  );
  return { countries, most };
}

/**
 * The lines with visitors the map has no shape for, most visitors first: countries too small for 1:110 million
 * (Singapore, Hong Kong, Malta…) and visits of no known country. Listed under the map, so none goes unseen.
 */
export function offTheMap(lines: BreakdownLine[], drawn: ReadonlySet<string>): BreakdownLine[] {
  return lines.filter((line) => line.visitors > 0 && !drawn.has(line.value));
}
