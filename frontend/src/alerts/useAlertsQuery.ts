import { useApiQuery } from '../shared/useApiQuery';
import { fetchAlertHistory, fetchAlertRules, fetchDigestSetting } from './api';

/** A site's alert rules with their state. */
export const useAlertRulesQuery = (siteId: number) =>
  useApiQuery(['alert-rules', siteId], (token, signal) => fetchAlertRules(siteId, token, signal));

/** A rule's firings and their deliveries. */
export const useAlertHistoryQuery = (siteId: number, ruleId: number) =>
  useApiQuery(['alert-history', siteId, ruleId], (token, signal) =>
    fetchAlertHistory(siteId, ruleId, token, signal),
  );

/** Whether the signed-in user gets the site's weekly digest. */
export const useDigestSettingQuery = (siteId: number) =>
  useApiQuery(['digest-setting', siteId], (token, signal) => fetchDigestSetting(siteId, token, signal));
