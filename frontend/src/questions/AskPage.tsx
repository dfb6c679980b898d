import { useId, useState } from 'react';
import { Link } from 'wouter';
import { fetchProvider } from '../ai/api';
import { useSession } from '../auth/session';
import type { ReportPageProps } from '../reports/report-page';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useAction } from '../shared/useAction';
import { useApiQuery } from '../shared/useApiQuery';
import { askQuestion } from './api';
import { AnswerView } from './AnswerView';
import { useQuestionHistory } from './useQuestionHistory';

/** The longest question the API takes. */
const MAX_QUESTION = 500;

/**
 * Questions in plain language about the site: each answered by a report of the reports engine (the model
 * only chooses the report query), shown with the query in words, a table and a chart. The questions of
 * this browser session stay listed, newest last.
 */
export function AskPage({ site }: ReportPageProps) {
  const { accessToken } = useSession();
  const [question, setQuestion] = useState('');
  const [history, remember] = useQuestionHistory(site.id);
  const inputId = useId();
  // Said before anyone asks: without a provider every question would come back unanswered.
  const provider = useApiQuery(['ai-provider'], fetchProvider);
  const ask = useAction(
    (text: string) => askQuestion(accessToken ?? '', site.id, text),
    (answer) => {
      remember(answer);
      setQuestion('');
    },
  );
  return (
    <div className="ask">
      <section className="ask-history" aria-label="Questions and answers" aria-live="polite">
        {provider.data?.configured === false && (
          <p className="notice" role="status">
            No AI provider is configured yet, so questions can’t be answered: an owner sets one up on the{' '}
            <Link href="/ai">AI page</Link>.
          </p>
        )}
        {history.length === 0 && (
          <p className="ask-hint">
            Ask about this site’s traffic in plain words — “Which countries visited /pricing last week?”,
            “Daily signups this month compared with before”. Answers come from the reports, never from a
            guess.
          </p>
        )}
        {history.map((answer, index) => (
          <AnswerView key={index} answer={answer} site={site} onAsk={(text) => void ask.run(text)} />
        ))}
      </section>
      <form
        className="ask-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (question.trim()) void ask.run(question.trim());
        }}
      >
        <label htmlFor={inputId}>Your question</label>
        <div className="ask-input">
          <input
            id={inputId}
            type="text"
            value={question}
            maxLength={MAX_QUESTION}
            placeholder="Top pages from Germany last 30 days"
            onChange={(event) => setQuestion(event.target.value)}
          />
          <button type="submit" disabled={ask.busy || !question.trim()}>
            {ask.busy ? 'Asking…' : 'Ask'}
          </button>
        </div>
        <ErrorNotice message={ask.error && `The question was not answered: ${ask.error}`} />
      </form>
    </div>
  );
}
