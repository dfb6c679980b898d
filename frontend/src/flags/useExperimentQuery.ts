import { useApiQuery } from '../shared/useApiQuery';
import { fetchExperiment, type ExperimentRequest } from './api';

/** A flag's values compared by a goal over the request's days. */
export const useExperimentQuery = (request: ExperimentRequest) =>
  useApiQuery(
    ['experiment', request.siteId, request.flag, request.goal, request.range.from, request.range.to],
    (token, signal) => fetchExperiment(request, token, signal),
  );
