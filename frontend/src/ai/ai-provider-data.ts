import type { ProviderChange, ProviderSettings } from './api.js';

/** The settings form's fields, as text the inputs hold. */
export interface ProviderForm {
  kind: ProviderChange['kind'];
  baseUrl: string;
  model: string;
  /** Empty: keep the stored key (or none, for a local server that takes none). */
  apiKey: string;
  /** Remove the stored key (a local server). */
  removeKey: boolean;
  namingEnabled: boolean;
  dailyCallBudget: string;
}

/** Where each kind of provider usually listens, as a placeholder. */
export const BASE_URL_EXAMPLES: Record<ProviderChange['kind'], string> = {
  openai: 'http://localhost:11434/v1',
  anthropic: 'https://api.anthropic.com',
};

/** The form filled from the stored settings (OpenAI-compatible, naming on, when none are). */
export const formOf = (settings: ProviderSettings): ProviderForm => ({
  kind: settings.kind ?? 'openai',
  baseUrl: settings.baseUrl ?? '',
  model: settings.model ?? '',
  apiKey: '',
  removeKey: false,
  namingEnabled: settings.configured ? settings.namingEnabled : true,
  dailyCallBudget: String(settings.dailyCallBudget),
});

/** What the form asks the API to store: the key only when typed (or removed), so saving keeps it otherwise. */
export function changeOf(form: ProviderForm): ProviderChange {
  const budget = form.dailyCallBudget.trim();
  return {
    kind: form.kind,
    baseUrl: form.baseUrl.trim(),
    model: form.model.trim(),
    ...(form.removeKey ? { apiKey: null } : form.apiKey !== '' ? { apiKey: form.apiKey } : {}),
    namingEnabled: form.namingEnabled,
    // Not a whole number: sent as such, for the API's 400 to name the field.
    ...(budget !== '' && { dailyCallBudget: Number(budget) }),
  };
}
