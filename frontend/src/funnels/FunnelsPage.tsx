import { useBreakdownQuery } from '../overview/useBreakdownQuery';
import { useSiteGoalsQuery } from '../overview/useGoalsQuery';
import type { ReportPageProps } from '../reports/report-page';
import type { ReportRequest } from '../reports/report-request';
import { usePageOptions } from '../routing/useReportView';
import { QueryState } from '../shared/QueryState';
import type { FunnelStep } from './api';
import { FunnelBreakdownTable, FunnelChart } from './FunnelChart';
import { FunnelBuilder, type StepSuggestions } from './FunnelBuilder';
import { MIN_FUNNEL_STEPS } from '../../../config/src/funnel-link.js';
import {
  describeStep,
  funnelOptionChanges,
  parseFunnelOptions,
  suggestedFunnels,
  type FunnelOptions,
} from './funnel-data';
import { parseFunnelWho, whoTotal, writeFunnelWho, type FunnelWho } from './funnel-visitors';
import { FunnelVisitors } from './FunnelVisitors';
import type { ReportView } from '../routing/report-view';
import { useFunnelQuery } from './useFunnelQuery';

/** Suggestions for the builder: the most visited of each, as the breakdowns answer them. */
const SUGGESTIONS = 100;

/**
 * The funnel builder and its chart. A funnel is its link: the steps, window and breakdown live in the URL
 * (`step=`, `window=`, `by=`), and so does the list of visitors opened from a figure (`who=`), so back undoes
 * a change and a copied link reopens the same funnel.
 */
export function FunnelsPage({ site, request, view }: ReportPageProps) {
  const [search, changeOptions] = usePageOptions();
  const options = parseFunnelOptions(search);
  const who = parseFunnelWho(search.get('who'), options.steps.length);
  const suggestions = useStepSuggestions(request);
  // Another funnel has other visitors: the list shown closes.
  const apply = (changes: Partial<FunnelOptions>) =>
    changeOptions({ ...funnelOptionChanges({ ...options, ...changes }), who: undefined });

  return (
    <div className="funnels">
      <FunnelBuilder
        // A new funnel in the URL (shown, or reached by back) starts a new draft.
        key={search.getAll('step').join('\n')}
        steps={options.steps}
        window={options.window}
        dimension={options.dimension}
        suggestions={suggestions}
        onSteps={(steps: FunnelStep[]) => apply({ steps })}
        onWindow={(window) => apply({ window })}
        onDimension={(dimension) => apply({ dimension })}
      />
      {options.steps.length >= MIN_FUNNEL_STEPS ? (
        <FunnelResult
          request={request}
          options={options}
          actionNames={suggestions.actions}
          who={who}
          onWho={(next) => changeOptions({ who: writeFunnelWho(next) })}
          view={view}
          timeZone={site.timezone}
        />
      ) : (
        <section className="card funnels-empty" aria-label="No funnel yet">
          <p>
            Choose at least two steps — a page people visit, an event they send or an action they take — and
            “Show funnel” to see how many go from one to the next.
          </p>
          <SuggestedFunnels
            siteId={site.id}
            pages={suggestions.pages}
            onChoose={(steps) => apply({ steps })}
          />
        </section>
      )}
    </div>
  );
}

/** One-click funnels from the site's top pages to its goals and along its top pages, once they are known. */
function SuggestedFunnels({
  siteId,
  pages,
  onChoose,
}: {
  siteId: number;
  pages: string[];
  onChoose: (steps: FunnelStep[]) => void;
}) {
  const goals = useSiteGoalsQuery(siteId);
  const funnels = suggestedFunnels(pages, goals.data ?? []);
  if (funnels.length === 0) return null;
  return (
    <div className="funnels-suggested" role="group" aria-label="Suggested funnels">
      <span>Or start from</span>
      {funnels.map((funnel) => (
        <button key={funnel.label} type="button" className="chip" onClick={() => onChoose(funnel.steps)}>
          {funnel.label}
        </button>
      ))}
    </div>
  );
}

function FunnelResult({
  request,
  options,
  actionNames,
  who,
  onWho,
  view,
  timeZone,
}: {
  request: ReportRequest;
  options: FunnelOptions;
  actionNames: ReadonlyMap<string, string>;
  who: FunnelWho | undefined;
  onWho: (who: FunnelWho | undefined) => void;
  view: ReportView;
  timeZone: string;
}) {
  const funnel = useFunnelQuery({ ...request, ...options });
  return (
    <QueryState
      query={funnel}
      what="the funnel"
      isEmpty={(report) => report.steps[0].visitors === 0}
      empty={
        <p>Nobody reached step 1 in this period. Check its page or event name, or choose a longer period.</p>
      }
    >
      {(report) => (
        <>
          <FunnelChart report={report} actionNames={actionNames} who={who} onWho={onWho} />
          {who && (
            <FunnelVisitors
              // Another figure's people anew: never the last list under this one's heading while it loads.
              key={writeFunnelWho(who)}
              request={request}
              view={view}
              timeZone={timeZone}
              options={options}
              who={who}
              stepName={describeStep(report.steps[who.step - 1], actionNames)}
              total={whoTotal(report, who)}
              onClose={() => onWho(undefined)}
            />
          )}
          {options.dimension && <FunnelBreakdownTable report={report} dimension={options.dimension} />}
        </>
      )}
    </QueryState>
  );
}

/** The site's top pages, events and autocaptured actions (with their names) in the view's period. */
function useStepSuggestions(request: ReportRequest): StepSuggestions {
  const pages = useBreakdownQuery({ ...request, dimension: 'page', limit: SUGGESTIONS });
  const events = useBreakdownQuery({ ...request, dimension: 'event_name', limit: SUGGESTIONS });
  const actions = useBreakdownQuery({ ...request, dimension: 'element', limit: SUGGESTIONS });
  return {
    pages: pages.data?.rows.map((row) => row.value) ?? [],
    events: events.data?.rows.map((row) => row.value).filter((name) => name !== 'pageview') ?? [],
    actions: new Map(
      actions.data?.rows.filter((row) => row.value).map((row) => [row.value, row.name ?? '']) ?? [],
    ),
  };
}
