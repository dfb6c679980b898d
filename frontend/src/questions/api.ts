import type { Schemas } from '../api/schemas.js';
import { apiRequest } from '../shared/api-client.js';

/** `POST /api/sites/:id/questions`: how the question ended, its report query object and the report. */
export type QuestionAnswer = Schemas['QuestionAnswerDto'];
/** The report query object a question was answered with (the model's only output, validated). */
export type ReportRequestObject = Schemas['ReportRequestDto'];

export const askQuestion = (token: string, siteId: number, question: string) =>
  apiRequest<QuestionAnswer>('POST', `/sites/${siteId}/questions`, { token, body: { question } });
