import { Controller, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import { API_CONSUMES } from './content-type.interceptor.js';

@Controller()
class UploadController {
  @Post()
  @ApiConsumes('text/csv')
  upload(): void {}
}

describe('ContentTypeInterceptor', () => {
  it('reads @ApiConsumes where @nestjs/swagger keeps it (a renamed key would 415 every upload)', () => {
    const handler = Object.getOwnPropertyDescriptor(UploadController.prototype, 'upload')?.value as
      (() => void) | undefined;
    expect(handler).toBeDefined();
    const consumes = new Reflector().getAllAndOverride<string[] | undefined>(API_CONSUMES, [
      handler!,
      UploadController,
    ]);
    expect(consumes).toEqual(['text/csv']);
  });
});
