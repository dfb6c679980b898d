import type { Schemas } from '../api/schemas.js';
import { apiRequest } from '../shared/api-client.js';

export type AlertRule = Schemas['AlertRuleResponse'];
export type SavedAlertRule = Schemas['SavedAlertRuleResponse'];
export type NewAlertRule = Schemas['CreateAlertRuleDto'];
export type AlertFiring = Schemas['AlertFiringResponse'];
export type AlertHistory = Schemas['AlertHistoryResponse'];
export type DigestSetting = Schemas['DigestSettingResponse'];

export const fetchAlertRules = (siteId: number, token: string, signal: AbortSignal) =>
  apiRequest<AlertRule[]>('GET', `/sites/${siteId}/alerts`, { token, signal });

export const fetchAlertHistory = (siteId: number, ruleId: number, token: string, signal: AbortSignal) =>
  apiRequest<AlertHistory>('GET', `/sites/${siteId}/alerts/${ruleId}/history`, { token, signal });

export const createAlertRule = (token: string, siteId: number, rule: NewAlertRule) =>
  apiRequest<SavedAlertRule>('POST', `/sites/${siteId}/alerts`, { token, body: rule });

export const updateAlertRule = (token: string, siteId: number, ruleId: number, rule: NewAlertRule) =>
  apiRequest<SavedAlertRule>('PATCH', `/sites/${siteId}/alerts/${ruleId}`, { token, body: rule });

export const setAlertRuleEnabled = (token: string, siteId: number, ruleId: number, enabled: boolean) =>
  apiRequest<SavedAlertRule>('PATCH', `/sites/${siteId}/alerts/${ruleId}`, { token, body: { enabled } });

export const deleteAlertRule = (token: string, siteId: number, ruleId: number) =>
  apiRequest<void>('DELETE', `/sites/${siteId}/alerts/${ruleId}`, { token });

export const testFireAlertRule = (token: string, siteId: number, ruleId: number) =>
  apiRequest<{ firingId: number }>('POST', `/sites/${siteId}/alerts/${ruleId}/test`, { token });

export const fetchDigestSetting = (siteId: number, token: string, signal: AbortSignal) =>
  apiRequest<DigestSetting>('GET', `/sites/${siteId}/digest`, { token, signal });

export const setDigestSetting = (token: string, siteId: number, subscribed: boolean) =>
  apiRequest<DigestSetting>('PUT', `/sites/${siteId}/digest`, { token, body: { subscribed } });
