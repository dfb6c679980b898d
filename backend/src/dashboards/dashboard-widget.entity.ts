import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What a widget shows of its saved view: the metric cards, the time chart, a breakdown of one dimension, a
 * funnels view's funnel (its steps and window), or the page itself as a card linking to it.
 */
export const WIDGET_KINDS = ['metrics', 'chart', 'breakdown', 'funnel', 'link'] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

/** A widget spans 1 to 3 columns of the dashboard's grid (one column on a phone). */
export const WIDGET_WIDTHS = [1, 2, 3] as const;

/**
 * A saved report view on a dashboard: the report page's key and its URL query string, exactly as the panel
 * wrote them (period, comparison, filters, the page's options). Never SQL: reports are built from the view
 * by the reports engine, like any request.
 */
@Entity('dashboard_widgets')
export class DashboardWidget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'dashboard_id', type: 'integer' })
  dashboardId!: number;

  /** Its place on the dashboard, from 0; the widgets of a dashboard are numbered without gaps. */
  @Column({ type: 'integer' })
  position!: number;

  /** The report page (`overview`, `funnels`…). */
  @Column({ name: 'report_key', type: 'varchar', length: 32 })
  reportKey!: string;

  /** The page's query string, without `?`. */
  @Column({ type: 'varchar', length: 2048 })
  query!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: WidgetKind;

  /** A breakdown widget's dimension; null for the other kinds. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  dimension!: string | null;

  @Column({ type: 'integer' })
  width!: number;
}
