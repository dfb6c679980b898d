// The Grafana dashboard of a Sluice node, built from a list of panels so that each panel is one line of intent and
// the JSON's boilerplate is written once. `npm run monitoring` writes it to ops/monitoring/grafana/dashboards/; a
// test keeps that file equal to this and checks that every metric it queries is one a part exports.

interface Panel {
  title: string;
  /** PromQL, one per series; `legend` names each series (Grafana's {{label}} syntax). */
  queries: Array<{ expr: string; legend: string }>;
  unit: 'short' | 'ops' | 's' | 'bytes' | 'percentunit';
  description: string;
}

interface Row {
  title: string;
  panels: Panel[];
}

const rate = (metric: string, by = '', window = '1m') =>
  `sum${by ? ` by (${by})` : ''} (rate(${metric}[${window}]))`;
const p99 = (histogram: string, by: string) =>
  `histogram_quantile(0.99, sum by (le, ${by}) (rate(${histogram}_bucket[5m])))`;

export const ROWS: Row[] = [
  {
    title: 'Edge: beacons in',
    panels: [
      {
        title: 'Events accepted',
        unit: 'ops',
        description: 'Events written to the NDJSON buffer per second.',
        queries: [{ expr: rate('sluice_edge_events_accepted_total'), legend: 'accepted' }],
      },
      {
        title: 'Refused and dropped, by reason',
        unit: 'ops',
        description:
          'Events refused (the client got an error code), whole requests refused before reading (rate limit, origin, size), events answered 204 but not written (bots the site drops), and events written without a field whose value broke its rules (revenue with a bad amount or currency).',
        queries: [
          { expr: rate('sluice_edge_events_rejected_total', 'reason'), legend: 'event: {{reason}}' },
          { expr: rate('sluice_edge_requests_rejected_total', 'reason'), legend: 'request: {{reason}}' },
          { expr: rate('sluice_edge_events_dropped_total', 'reason'), legend: 'dropped: {{reason}}' },
          { expr: rate('sluice_edge_fields_rejected_total', 'reason'), legend: 'field: {{reason}}' },
        ],
      },
      {
        title: 'Requests by route and status',
        unit: 'ops',
        description: 'Everything the edge answered.',
        queries: [
          { expr: rate('sluice_edge_requests_total', 'route, status'), legend: '{{route}} {{status}}' },
        ],
      },
      {
        title: 'Answer time p99, by route',
        unit: 's',
        description: 'From the first byte of the request to the answer.',
        queries: [{ expr: p99('sluice_edge_request_duration_seconds', 'route'), legend: '{{route}}' }],
      },
    ],
  },
  {
    title: 'Pipeline: NDJSON to ClickHouse',
    panels: [
      {
        title: 'Rows landed',
        unit: 'ops',
        description: "Rows ClickHouse acknowledged, from the shipper or from Vector's ClickHouse sink.",
        queries: [
          { expr: rate('sluice_shipper_rows_total'), legend: 'shipper' },
          {
            expr: rate('vector_component_sent_events_total{component_id="clickhouse"}'),
            legend: 'vector',
          },
        ],
      },
      {
        title: 'Lag',
        unit: 's',
        description: 'Age of the oldest line not yet in ClickHouse: 0 when caught up.',
        queries: [{ expr: 'max(sluice_shipper_lag_seconds)', legend: 'shipper' }],
      },
      {
        title: 'Backlog and disk budget',
        unit: 'bytes',
        description:
          "Bytes of the edge files not yet acknowledged by ClickHouse (shipper), and the edge's events folder against its disk budget (EDGE_DISK_BUDGET): beacons are refused with 503 before the folder reaches it.",
        queries: [
          { expr: 'sum(sluice_shipper_lag_bytes)', legend: 'shipper' },
          { expr: 'sum(sluice_edge_disk_backlog_bytes)', legend: 'events folder' },
          { expr: 'max(sluice_edge_disk_budget_bytes)', legend: 'budget' },
        ],
      },
      {
        title: 'Insert failures and dead letters',
        unit: 'ops',
        description:
          'Inserts retried (ClickHouse down or overloaded), and lines set aside with their reason instead of stalling the stream.',
        queries: [
          { expr: rate('sluice_shipper_insert_failures_total', '', '5m'), legend: 'insert failures' },
          { expr: rate('sluice_shipper_dead_letters_total', '', '5m'), legend: 'dead letters' },
          {
            expr: rate('vector_component_errors_total', 'component_id', '5m'),
            legend: 'vector {{component_id}}',
          },
        ],
      },
    ],
  },
  {
    title: 'ClickHouse',
    panels: [
      {
        title: 'Rows inserted and queries',
        unit: 'ops',
        description: "From ClickHouse's own Prometheus endpoint.",
        queries: [
          { expr: rate('ClickHouseProfileEvents_InsertedRows'), legend: 'rows inserted' },
          { expr: rate('ClickHouseProfileEvents_Query'), legend: 'queries' },
        ],
      },
      {
        title: 'Memory and parts',
        unit: 'short',
        description:
          'Memory tracked by the server, and the largest number of parts in one partition (merges falling behind show here first).',
        queries: [
          { expr: 'ClickHouseMetrics_MemoryTracking', legend: 'memory (bytes)' },
          { expr: 'ClickHouseAsyncMetrics_MaxPartCountForPartition', legend: 'max parts per partition' },
        ],
      },
    ],
  },
  {
    title: 'Backend: reports and sign-in',
    panels: [
      {
        title: 'API requests by status',
        unit: 'ops',
        description: 'Requests the API answered.',
        queries: [
          {
            expr: rate('sluice_backend_http_request_duration_seconds_count', 'status'),
            legend: '{{status}}',
          },
        ],
      },
      {
        title: 'API answer time p99, by route',
        unit: 's',
        description: "By Express's route pattern.",
        queries: [
          { expr: p99('sluice_backend_http_request_duration_seconds', 'route'), legend: '{{route}}' },
        ],
      },
    ],
  },
];

const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

/** Grafana's dashboard JSON (schema 39): a row header, then the row's panels two to a line. */
export function grafanaDashboard(rows: Row[] = ROWS): object {
  const panels: object[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    panels.push({
      id: id++,
      type: 'row',
      title: row.title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
    });
    y += 1;
    row.panels.forEach((panel, index) => {
      panels.push({
        id: id++,
        type: 'timeseries',
        title: panel.title,
        description: panel.description,
        datasource: { type: 'prometheus', uid: 'prometheus' },
        gridPos: {
          x: (index % 2) * PANEL_WIDTH,
          y: y + Math.floor(index / 2) * PANEL_HEIGHT,
          w: PANEL_WIDTH,
          h: PANEL_HEIGHT,
        },
        fieldConfig: { defaults: { unit: panel.unit, min: 0 }, overrides: [] },
        options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
        targets: panel.queries.map((query, n) => ({
          refId: String.fromCharCode(65 + n),
          expr: query.expr,
          legendFormat: query.legend,
          datasource: { type: 'prometheus', uid: 'prometheus' },
        })),
      });
    });
    y += Math.ceil(row.panels.length / 2) * PANEL_HEIGHT;
  }
  return {
    uid: 'sluice-node',
    title: 'Sluice node',
    tags: ['sluice'],
    schemaVersion: 39,
    version: 1,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    timezone: 'utc',
    panels,
  };
}

/** Every metric name a query of the dashboard reads. */
export function queriedMetrics(rows: Row[] = ROWS): string[] {
  const names = rows.flatMap((row) =>
    row.panels.flatMap((panel) =>
      panel.queries.flatMap((query) =>
        [...query.expr.matchAll(/\b(sluice_\w+|vector_\w+|ClickHouse\w+)/g)].map((m) => m[1]),
      ),
    ),
  );
  return [...new Set(names)].sort();
}
