import type { ReportPageProps } from '../reports/report-page';
import { usePageOptions } from '../routing/useReportView';
import { ErrorGroupDetail } from './ErrorGroupDetail';
import { ErrorGroupsList } from './ErrorGroupsList';
import { errorSort } from './errors-data';

/**
 * The errors page: the range's error groups, or with `?group=` one group's detail. The group and the sort are
 * in the URL, so a link to an error reopens it and back returns to the list.
 */
export function ErrorsPage({ request }: ReportPageProps) {
  const [options, change] = usePageOptions();
  const group = options.get('group');
  return group ? (
    <ErrorGroupDetail request={request} group={group} onClose={() => change({ group: undefined })} />
  ) : (
    <ErrorGroupsList
      request={request}
      sort={errorSort(options.get('sort'))}
      onSort={(sort) => change({ sort: sort === 'occurrences' ? undefined : sort })}
      onOpen={(chosen) => change({ group: chosen })}
    />
  );
}
