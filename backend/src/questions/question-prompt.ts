import type { Prompt } from '../ai/provider.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { MAX_QUESTION_LENGTH } from './dto/question-answer.dto.js';

/** Enough for any report query object; a longer answer is cut off and fails validation. */
const MAX_ANSWER_TOKENS = 800;
/** What of the model's failed answer goes back to it in a repair. */
const MAX_ECHOED_ANSWER = 2000;

/**
 * The question as data: JSON-quoted (so it can't close its quotes), cut to the longest question taken, and
 * with `<` escaped, so no text of it can end the `<question>` block and speak outside it.
 */
export function quotedQuestion(question: string): string {
  return JSON.stringify(question.slice(0, MAX_QUESTION_LENGTH)).replaceAll('<', '\\u003c');
}

const userMessage = (question: string) =>
  `<question>\n${quotedQuestion(question)}\n</question>\nAnswer with the JSON object only.`;

export function questionPrompt(system: string, question: string): Prompt {
  return { system, user: userMessage(question), maxTokens: MAX_ANSWER_TOKENS, json: true };
}

/** The one repair: the question again, the answer that failed and why, quoted as data too. */
export function repairPrompt(system: string, question: string, answer: string, errors: string): Prompt {
  return {
    system,
    user: [
      userMessage(question),
      '',
      'Your previous answer was refused. It was:',
      JSON.stringify(answer.slice(0, MAX_ECHOED_ANSWER)),
      `Why: ${errors}`,
      'Answer again with a corrected report query object, or the unanswerable object.',
    ].join('\n'),
    maxTokens: MAX_ANSWER_TOKENS,
    json: true,
  };
}

/** What the model answered: a candidate report request (still to validate), or that it can't answer. */
export type ModelAnswer =
  { unanswerable: false; candidate: unknown } | { unanswerable: true; reason: string };

const MAX_REASON_LENGTH = 300;

/**
 * The model's text as JSON. A single Markdown code fence around it is taken off (models add one though
 * told not to); anything else that isn't one JSON object is refused, naming why, for the repair.
 */
export function readModelAnswer(text: string): ModelAnswer {
  const fenced = /^```[a-z]*\n([\s\S]*)\n```$/i.exec(text.trim());
  let parsed: unknown;
  try {
    parsed = JSON.parse(fenced ? fenced[1] : text);
  } catch {
    throw new DomainError(ErrorCode.Validation, 'answer: must be one JSON object, nothing else');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new DomainError(ErrorCode.Validation, 'answer: must be a JSON object');
  const answer = parsed as Record<string, unknown>;
  if (answer.unanswerable === true) {
    const reason = typeof answer.reason === 'string' ? answer.reason.slice(0, MAX_REASON_LENGTH) : '';
    return { unanswerable: true, reason };
  }
  return { unanswerable: false, candidate: answer };
}
