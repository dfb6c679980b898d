/** How far the traffic of a demo site has come. */
export interface DemoSiteStatus {
  siteId: number;
  /**
   * `writing`: its rows go into ClickHouse; `finalizing`: the days already finalized are written again
   * with them (until then reports of those days leave the demo out); `ready`; `failed` (see `error`).
   */
  stage: 'writing' | 'finalizing' | 'ready' | 'failed';
  /** Rows to write: the month's rows before now. */
  rows: number;
  rowsWritten: number;
  /** When its two months end (ISO 8601): its live traffic (LiveDemoTraffic) goes on from there. */
  until: string;
  error: string | null;
}
