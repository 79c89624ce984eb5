import { ParseUUIDPipe } from '@nestjs/common';
import { CommonException, CommonExceptionCode } from './common.exception.js';

/** Path parameter pipe: a malformed id is a VALIDATION_FAILED naming the parameter. */
export const ParseUuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new CommonException(
      CommonExceptionCode.VALIDATION_FAILED,
      'The id in the path must be a UUID.',
      [{ field: 'id', message: 'must be a UUID' }],
    ),
});
