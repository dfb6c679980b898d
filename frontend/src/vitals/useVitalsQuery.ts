import { reportKey } from '../reports/report-request';
import { useApiQuery } from '../shared/useApiQuery';
import { fetchVitals, type VitalsRequest } from './api';

export function useVitalsQuery(request: VitalsRequest) {
  return useApiQuery(['vitals', ...reportKey(request), request.dimension], (token, signal) =>
    fetchVitals(request, token, signal),
  );
}
