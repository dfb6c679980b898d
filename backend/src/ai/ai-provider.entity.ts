import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProviderKind } from './provider.js';

/** The one row of `ai_provider`: an install has one provider configuration or none. */
export const PROVIDER_ROW_ID = 1;

/**
 * The language model the install uses for naming actions and answering questions, as owners set it in
 * the panel. The API key is sealed (AES-256-GCM, provider-key-secret.ts), never stored or answered in clear.
 */
@Entity('ai_provider')
export class AiProviderRecord {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: ProviderKind;

  @Column({ name: 'base_url', type: 'varchar', length: 2048 })
  baseUrl!: string;

  @Column({ type: 'varchar', length: 200 })
  model!: string;

  /** `seal({ apiKey })`; null: the provider takes no key (a local server). */
  @Column({ name: 'sealed_api_key', type: 'text', nullable: true })
  sealedApiKey!: string | null;

  /** Whether the naming worker calls the model; off, actions keep their heuristic names. */
  @Column({ name: 'naming_enabled', type: 'boolean' })
  namingEnabled!: boolean;

  /** Calls the naming worker may make per UTC day, on this backend (counted in its hot state). */
  @Column({ name: 'daily_call_budget', type: 'integer' })
  dailyCallBudget!: number;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
