import { geoEqualEarth, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' };
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A country's outline on the map: the ISO 3166-1 alpha-2 code the edge's geo lookup gives, and its SVG path. */
export interface CountryShape {
  code: string;
  d: string;
}

export interface WorldMap {
  width: number;
  height: number;
  shapes: CountryShape[];
  /** The codes of the countries drawn. */
  codes: ReadonlySet<string>;
}

/** The map's width in SVG units; its height follows from the projection. */
const WIDTH = 960;

/** Left off: nobody visits from there, and it would take a fifth of the map's height. */
const ANTARCTICA = '010';

/**
 * Natural Earth's shapes without an ISO number, by their name in world-atlas: each drawn as the country a
 * geo database places its addresses in (Kosovo has its user-assigned code, XK).
 */
const UNNUMBERED: Record<string, string> = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' };

/** ISO 3166-1 numeric codes ("276") to alpha-2 ("DE"), from i18n-iso-countries' table. */
const ALPHA2_BY_NUMBER = new Map(
  (isoCodes as string[][]).map(([alpha2, , numeric]) => [numeric, alpha2] as const),
);

let drawn: WorldMap | undefined;

/**
 * The world's countries (Natural Earth at 1:110 million, from world-atlas) in the Equal Earth projection,
 * fitted to WIDTH: areas keep their true proportions, so a country's shade is not exaggerated by its size.
 * Projected once, on the first map shown.
 */
export function worldMap(): WorldMap {
  if (drawn) return drawn;
  const topology = countries110m as unknown as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const countries: FeatureCollection<Geometry, { name: string }> = {
    type: 'FeatureCollection',
    features: all.features.filter((country) => country.id !== ANTARCTICA),
  };
  const projection = geoEqualEarth().fitWidth(WIDTH, countries);
  const path = geoPath(projection).digits(1);
  const [, [, bottom]] = path.bounds(countries);
  const shapes = countries.features.flatMap((country) => {
    const code = ALPHA2_BY_NUMBER.get(String(country.id ?? '')) ?? UNNUMBERED[country.properties.name];
    const d = path(country);
    return code && d ? [{ code, d }] : [];
  });
  drawn = { width: WIDTH, height: Math.ceil(bottom), shapes, codes: new Set(shapes.map(({ code }) => code)) };
  return drawn;
}
