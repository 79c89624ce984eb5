import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '#src/access/auth.decorators.js';
import { ApiProblems, type ProblemExample } from '#src/common/api-problems.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { FundingExceptionCode } from '#src/funders/funding.exception.js';
import {
  PublicProgrammeDetailDto,
  PublicProgrammeListDto,
  PublicVenueListDto,
  PublicVenuesQueryDto,
} from './dto/public-programme.dto.js';
import { PublicProgrammesService } from './public-programmes.service.js';

/**
 * Caches and proxies may keep an answer five minutes (a newly qualified venue shows within that
 * time); Express adds an ETag, so a phone that asks again gets a 304 without the body. Only on a
 * success: a 404 kept by a cache would hide a programme activated meanwhile.
 */
async function cacheable<T>(response: Response, answer: Promise<T>): Promise<T> {
  const body = await answer;
  response.setHeader('Cache-Control', 'public, max-age=300');
  return body;
}

const PROGRAMME_ID = 'be9f676a-0335-4740-9f59-c97cb984280e';
const TOO_MANY: ProblemExample = {
  code: CommonExceptionCode.TOO_MANY_REQUESTS,
  summary: 'Too many calls from one address in the window (AUTH_THROTTLE_LIMIT per route).',
  detail: 'Too many requests: wait a moment before trying again.',
};
const MALFORMED_URL: ProblemExample = {
  code: CommonExceptionCode.VALIDATION_FAILED,
  summary: 'A URL that does not decode (a stray % in the query, say).',
  detail: 'The URL is malformed.',
  errors: [{ field: 'path', message: 'must be a valid percent-encoded URL' }],
  instance: '/api/v1/public/programmes?q=%E0',
};
const problems = (path: string): readonly ProblemExample[] => [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The id in the path is not a UUID, or a filter is not a commune code or a service.',
    detail: 'The id in the path must be a UUID.',
    errors: [{ field: 'id', message: 'must be a UUID' }],
    instance: `/api/v1/public/programmes/lens-2026${path}`,
  },
  {
    code: FundingExceptionCode.PROGRAMME_NOT_FOUND,
    summary: 'No such programme, or it is not ACTIVE (a draft or a closed one: the same answer).',
    detail: `No programme ${PROGRAMME_ID}.`,
  },
  TOO_MANY,
];

/**
 * The public page « Où utiliser mon Pass numérique ? » (no login): the ACTIVE programmes and,
 * for one, the venues where its cheques are accepted, filtered by commune and need. Throttled
 * per client address like the sign-in routes.
 */
@ApiTags('public page')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('public/programmes')
export class PublicProgrammesController {
  constructor(private readonly publicProgrammes: PublicProgrammesService) {}

  /** The ACTIVE programmes (id, name, territory), by name: the page's choice of programme. */
  @Get()
  @ApiProblems('/api/v1/public/programmes', [MALFORMED_URL, TOO_MANY])
  list(@Res({ passthrough: true }) response: Response): Promise<PublicProgrammeListDto> {
    return cacheable(response, this.publicProgrammes.list());
  }

  /**
   * One ACTIVE programme with its enrolled communes and the services its cheques pay for: the
   * page's filters. 404 for an unknown programme and for one that is not ACTIVE.
   */
  @Get(':id')
  @ApiProblems(`/api/v1/public/programmes/${PROGRAMME_ID}`, problems(''))
  programme(
    @Param('id', ParseUuid) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublicProgrammeDetailDto> {
    return cacheable(response, this.publicProgrammes.programme(id));
  }

  /**
   * The venues where the programme's cheques are accepted: QUALIFIED (not suspended), serving
   * one of its enrolled communes, offering a service its cheques pay for. `commune`: in that
   * commune or visiting it; `need`: offering that service. Name, address, coordinates, hours,
   * phone, how to come: a public listing, never bank details or staff.
   */
  @Get(':id/venues')
  @ApiProblems(`/api/v1/public/programmes/${PROGRAMME_ID}/venues`, problems('/venues'))
  venues(
    @Param('id', ParseUuid) id: string,
    @Query() query: PublicVenuesQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublicVenueListDto> {
    return cacheable(response, this.publicProgrammes.venues(id, query));
  }
}
