import type { Schemas } from '../api/schemas.js';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client.js';

/** The install's AI provider as the API shows it: never the key, only whether one is set. */
export type ProviderSettings = Schemas['ProviderSettingsResponse'];
/** What an owner saves (`PUT /api/ai/provider`): `apiKey` absent keeps the stored key, a budget absent too. */
export type ProviderChange = Omit<Schemas['ProviderSettingsDto'], 'dailyCallBudget'> & {
  dailyCallBudget?: number;
};
export type ProviderTest = Schemas['ProviderTestResponse'];

export const fetchProvider = (token: string, signal: AbortSignal): Promise<ProviderSettings> =>
  dataOf(api.GET('/api/ai/provider', authorized(token, signal)), signal);

export const saveProvider = (token: string, change: ProviderChange) =>
  apiRequest<ProviderSettings>('PUT', '/ai/provider', { token, body: change });

export const removeProvider = (token: string) => apiRequest<void>('DELETE', '/ai/provider', { token });

/** Tries the form's configuration over the stored one (an empty key field: the stored key). */
export const testProvider = (token: string, change: Partial<ProviderChange>) =>
  apiRequest<ProviderTest>('POST', '/ai/provider/test', { token, body: change });
