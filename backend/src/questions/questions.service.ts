import { Injectable, Logger } from '@nestjs/common';
import { complete } from '../ai/language-model.js';
import { ProviderError, type Prompt, type ProviderSettings } from '../ai/provider.js';
import { ProviderSettingsService } from '../ai/provider-settings.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { localDateOf } from '../common/calendar.js';
import { GoalsService } from '../goals/goals.service.js';
import type { Goal } from '../goals/goal.entity.js';
import { Metrics } from '../observability/metrics.js';
import { SitesService } from '../sites/sites.service.js';
import type { User } from '../users/user.entity.js';
import type { QuestionAnswerDto, QuestionOutcome } from './dto/question-answer.dto.js';
import { describeRequest } from './describe-request.js';
import { questionPrompt, readModelAnswer, repairPrompt } from './question-prompt.js';
import { QuestionRateLimit } from './question-rate-limit.js';
import { QuestionReports, type AnsweredRequest } from './question-reports.js';
import { questionSchemaPrompt } from './question-schema.js';
import { suggestionsFor } from './question-suggestions.js';

/** How long one model call may take: a person is waiting for the answer. */
export const QUESTION_CALL_TIMEOUT_MS = 30_000;

const CANNOT_ANSWER = 'I can’t answer that from this data.';
/** Why, when the model's answer was refused twice: in words first, the rule it broke after (the API's 400). */
const refusedReason = (rule: string) =>
  `The AI answered twice with something that is not a report of this data (${rule}).`;
const NO_PROVIDER =
  'No AI provider is configured, so questions can’t be answered yet: an owner can set one up on the AI page (/ai).';

/** One model answer tried: the report it ran, the model saying it can't, or why it was refused. */
type Attempt = AnsweredRequest | { unanswerable: string } | { refused: string };

/**
 * Questions in plain language, answered by the reports engine: the model's only output is a report query
 * object (ReportRequestDto), validated and run by QuestionReports exactly as the report API would run it.
 * An answer that fails validation is sent back once with the errors; failing again, or the model saying
 * it can't, is "I can't answer that" with suggestions — never a guess.
 */
@Injectable()
export class QuestionsService {
  private readonly logger = new Logger('Questions');

  constructor(
    private readonly providers: ProviderSettingsService,
    private readonly sites: SitesService,
    private readonly goals: GoalsService,
    private readonly reports: QuestionReports,
    private readonly rateLimit: QuestionRateLimit,
    private readonly metrics: Metrics,
  ) {}

  /** The route's rule has checked the user may read the site; the site is always this one. */
  async ask(user: User, siteId: number, question: string): Promise<QuestionAnswerDto> {
    this.rateLimit.take(user.id);
    const started = performance.now();
    const answer = await this.answer(siteId, question, await this.providers.current());
    this.metrics.questions.inc({ outcome: answer.outcome });
    // The question and the query object, never the report's rows: page data stays out of the logs.
    this.logger.log(
      JSON.stringify({
        question: answer.question,
        siteId,
        userId: user.id,
        outcome: answer.outcome,
        query: answer.query,
        durationMs: Math.round(performance.now() - started),
      }),
    );
    return answer;
  }

  /** `settings`: the provider to ask, undefined when none is configured. */
  async answer(siteId: number, question: string, settings?: ProviderSettings): Promise<QuestionAnswerDto> {
    const site = await this.sites.get(siteId);
    if (!settings) return ended(question, 'no_provider', NO_PROVIDER);
    const goals = await this.goals.list(siteId);
    const today = localDateOf(Date.now(), site.timezone);
    const system = questionSchemaPrompt(goals, today, site.timezone);
    let attempt: Attempt;
    try {
      const first = await this.call(settings, questionPrompt(system, question));
      attempt = await this.attempt(siteId, first, goals, today);
      if ('refused' in attempt) {
        this.metrics.questionRepairs.inc();
        const second = await this.call(settings, repairPrompt(system, question, first, attempt.refused));
        attempt = await this.attempt(siteId, second, goals, today);
      }
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      this.logger.warn(`The AI provider failed a question of site ${siteId}: ${error.message}`);
      const why = error.status ? `it answered HTTP ${error.status}` : 'it was unreachable or too slow';
      return ended(
        question,
        'provider_failed',
        `The AI provider couldn’t answer (${why}): try again in a moment, or ask an owner to check the AI page (/ai).`,
      );
    }
    if ('request' in attempt) {
      return {
        question,
        outcome: 'answered',
        message: describeRequest(attempt.request),
        query: attempt.request,
        result: attempt.result,
        reason: null,
        suggestions: [],
      };
    }
    return {
      ...ended(question, 'cannot_answer', CANNOT_ANSWER),
      reason: 'unanswerable' in attempt ? attempt.unanswerable : refusedReason(attempt.refused),
      suggestions: suggestionsFor(question),
    };
  }

  private async call(settings: ProviderSettings, prompt: Prompt): Promise<string> {
    const completion = await complete(settings, prompt, { timeoutMs: QUESTION_CALL_TIMEOUT_MS });
    this.metrics.questionTokens.inc({ direction: 'input' }, completion.inputTokens);
    this.metrics.questionTokens.inc({ direction: 'output' }, completion.outputTokens);
    return completion.text;
  }

  /** A model answer read and run; a validation failure (the API's 400s) is the reason to repair. */
  private async attempt(siteId: number, text: string, goals: Goal[], today: string): Promise<Attempt> {
    try {
      const answer = readModelAnswer(text);
      if (answer.unanswerable) return { unanswerable: answer.reason };
      return await this.reports.answer(siteId, answer.candidate, goals, today);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Validation)
        return { refused: error.message };
      throw error;
    }
  }
}

function ended(question: string, outcome: QuestionOutcome, message: string): QuestionAnswerDto {
  return { question, outcome, message, query: null, result: null, reason: null, suggestions: [] };
}
