import type { ProviderSettings } from '../ai/provider.js';

/** Where the configured provider comes from (ProviderSettingsService; undefined: none configured). */
export interface ProviderSettingsSource {
  current(): Promise<ProviderSettings | undefined>;
}

export const PROVIDER_SETTINGS = Symbol('ProviderSettingsSource');
