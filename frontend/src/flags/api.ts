import type { Schemas } from '../api/schemas.js';
import type { DateRange } from '../date-range/date-range.js';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client.js';

/** A site's feature flag as the API answers it (`/api/sites/:id/flags`). */
export type FeatureFlag = Schemas['FeatureFlagResponse'];
export type FlagVariant = Schemas['FlagVariantDto'];
export type FlagRule = Schemas['FlagRuleDto'];
/** What the form sends: a whole flag, created or changed. */
export type FlagFields = Pick<
  FeatureFlag,
  'key' | 'description' | 'enabled' | 'rollout' | 'variants' | 'rules'
>;

export const fetchFlags = (siteId: number, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/flags', { ...authorized(token, signal), params: { path: { siteId } } }),
    signal,
  );

export const createFlag = (token: string, siteId: number, flag: FlagFields) =>
  apiRequest<FeatureFlag>('POST', `/sites/${siteId}/flags`, { token, body: flag });

export const updateFlag = (token: string, siteId: number, flagId: number, changes: Partial<FlagFields>) =>
  apiRequest<FeatureFlag>('PATCH', `/sites/${siteId}/flags/${flagId}`, { token, body: changes });

export const deleteFlag = (token: string, siteId: number, flagId: number) =>
  apiRequest<void>('DELETE', `/sites/${siteId}/flags/${flagId}`, { token });

/** A flag's values compared by a goal (`/api/sites/:id/experiment`). */
export type ExperimentReport = Schemas['ExperimentReportDto'];
export type ExperimentVariant = Schemas['ExperimentVariantDto'];

/** What an experiment's numbers are asked for: the flag, the goal it is judged by, and the days. */
export interface ExperimentRequest {
  siteId: number;
  flag: string;
  goal: number;
  range: DateRange;
}

export const fetchExperiment = (request: ExperimentRequest, token: string, signal: AbortSignal) =>
  dataOf(
    api.GET('/api/sites/{siteId}/experiment', {
      ...authorized(token, signal),
      params: {
        path: { siteId: request.siteId },
        query: { ...request.range, flag: request.flag, goal: request.goal },
      },
    }),
    signal,
  );
