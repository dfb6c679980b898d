import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { NO_SITE, SignedInRoutes } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { AskQuestionDto, QuestionAnswerDto } from './dto/question-answer.dto.js';
import { QUESTIONS_PER_MINUTE } from './question-rate-limit.js';
import { QuestionsService } from './questions.service.js';

@SignedInRoutes('questions')
@Controller('sites/:siteId/questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @ApiOperation({
    summary: 'Ask a question about the site in plain language',
    description:
      'The configured language model turns the question into a report query object (never SQL), which is ' +
      'validated and run like a report of the API. The answer has the query, the query in words and the ' +
      'report; a question the data can’t answer has outcome cannot_answer with suggestions. Without a ' +
      'provider (no_provider) or with one failing (provider_failed), message says what to do.',
  })
  @ApiOkResponse({ type: QuestionAnswerDto })
  @ApiBadRequestResponse({ description: 'question missing, empty or longer than 500 characters' })
  @ApiNotFoundResponse({ description: NO_SITE })
  @ApiTooManyRequestsResponse({
    description: `More than ${QUESTIONS_PER_MINUTE} questions this minute: Retry-After says when to ask again`,
  })
  @Requires(Role.Viewer, { site: true })
  @HttpCode(200)
  @Post()
  ask(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() { question }: AskQuestionDto,
  ): Promise<QuestionAnswerDto> {
    return this.questions.ask(user, siteId, question);
  }
}
