import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { seal, unseal } from '../auth/sealed.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';
import type { AiProviderRecord } from './ai-provider.entity.js';
import { AiProviderRepository, type AiProviderFields } from './ai-provider.repository.js';
import {
  DEFAULT_DAILY_CALL_BUDGET,
  type ProviderSettingsDto,
  type ProviderSettingsResponse,
  type ProviderTestDto,
  type ProviderTestResponse,
} from './dto/provider-settings.dto.js';
import { complete } from './language-model.js';
import { PROVIDER_KEY_KEY } from './provider-key-secret.js';
import { ProviderError, type ProviderSettings } from './provider.js';

/** How long a connection test waits for the model. */
const TEST_TIMEOUT_MS = 15_000;
/** What a connection test asks: the smallest prompt any model answers. */
const TEST_PROMPT = { system: 'Answer with the single word OK.', user: 'OK?', maxTokens: 5 } as const;

/** What is sealed in `sealed_api_key`. */
interface SealedKey {
  apiKey: string;
}

/**
 * The install's AI provider, as owners configure it: the one place the naming worker and the questions
 * box ask which model to call (`current()`), and the routes under `/api/ai/provider`. The API key is
 * sealed before it reaches the database and never leaves this service but towards the provider.
 */
@Injectable()
export class ProviderSettingsService {
  constructor(
    private readonly rows: AiProviderRepository,
    private readonly audit: AuditService,
    @Inject(PROVIDER_KEY_KEY) private readonly key: Buffer,
  ) {}

  /** Where and how to call the model; undefined when none is configured. */
  async current(): Promise<ProviderSettings | undefined> {
    const row = await this.rows.find();
    return row && this.settingsOf(row);
  }

  /** Whether the naming worker may call the model, and how often a day. */
  async naming(): Promise<{ settings: ProviderSettings; dailyCallBudget: number } | undefined> {
    const row = await this.rows.find();
    if (!row?.namingEnabled) return undefined;
    return { settings: this.settingsOf(row), dailyCallBudget: row.dailyCallBudget };
  }

  async view(): Promise<ProviderSettingsResponse> {
    const row = await this.rows.find();
    if (!row)
      return {
        configured: false,
        apiKeySet: false,
        namingEnabled: false,
        dailyCallBudget: DEFAULT_DAILY_CALL_BUDGET,
      };
    return {
      configured: true,
      kind: row.kind,
      baseUrl: row.baseUrl,
      model: row.model,
      apiKeySet: row.sealedApiKey !== null,
      namingEnabled: row.namingEnabled,
      dailyCallBudget: row.dailyCallBudget,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async update(user: User, dto: ProviderSettingsDto): Promise<ProviderSettingsResponse> {
    const stored = await this.rows.find();
    const fields: AiProviderFields = {
      kind: dto.kind,
      baseUrl: dto.baseUrl,
      model: dto.model,
      sealedApiKey: this.sealedKeyOf(dto.apiKey, stored),
      namingEnabled: dto.namingEnabled ?? stored?.namingEnabled ?? true,
      dailyCallBudget: dto.dailyCallBudget ?? stored?.dailyCallBudget ?? DEFAULT_DAILY_CALL_BUDGET,
    };
    await this.rows.save(fields);
    const { sealedApiKey, ...shown } = fields;
    await this.audit.record(actorOf(user), 'ai.provider.update', 'ai:provider', {
      ...shown,
      apiKey: dto.apiKey === undefined ? 'kept' : sealedApiKey === null ? 'removed' : 'replaced',
    });
    return this.view();
  }

  async remove(user: User): Promise<void> {
    await this.rows.delete();
    await this.audit.record(actorOf(user), 'ai.provider.delete', 'ai:provider');
  }

  /**
   * Sends a tiny prompt to the configuration `dto` describes over the stored one, and says how it went:
   * the provider's failure is an answer here (ok: false), never an error of this route.
   */
  async test(dto: ProviderTestDto): Promise<ProviderTestResponse> {
    const stored = await this.rows.find();
    const kind = dto.kind ?? stored?.kind;
    const baseUrl = dto.baseUrl ?? stored?.baseUrl;
    const model = dto.model ?? stored?.model;
    if (!kind || !baseUrl || !model)
      throw new DomainError(
        ErrorCode.Validation,
        'kind, baseUrl and model: must be given when no provider is configured',
      );
    const sealedApiKey = this.sealedKeyOf(dto.apiKey, stored);
    const settings = { kind, baseUrl, model, apiKey: this.apiKeyOf(sealedApiKey) };
    const started = performance.now();
    try {
      await complete(settings, TEST_PROMPT, { timeoutMs: TEST_TIMEOUT_MS });
      return { ok: true, model, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ok: false, model, error: error.message };
    }
  }

  private settingsOf(row: AiProviderRecord): ProviderSettings {
    return {
      kind: row.kind,
      baseUrl: row.baseUrl,
      model: row.model,
      apiKey: this.apiKeyOf(row.sealedApiKey),
    };
  }

  /** The key to store: the new one sealed, none (null), or the stored one when `apiKey` is absent. */
  private sealedKeyOf(
    apiKey: string | null | undefined,
    stored: AiProviderRecord | undefined,
  ): string | null {
    if (apiKey === undefined) return stored?.sealedApiKey ?? null;
    return apiKey === null ? null : seal({ apiKey } satisfies SealedKey, this.key);
  }

  /**
   * The stored key in clear. One sealed under another secret (SLUICE_AI_KEY_SECRET changed, or a backend
   * without the shared one) can't be opened: the call goes without a key and the provider says 401, which
   * the connection test shows, rather than the backend failing.
   */
  private apiKeyOf(sealed: string | null): string | undefined {
    return sealed === null ? undefined : unseal<SealedKey>(sealed, this.key)?.apiKey;
  }
}
