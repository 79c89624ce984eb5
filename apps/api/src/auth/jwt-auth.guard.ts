import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '#src/access/auth.decorators.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';

/** Global guard #1: a valid bearer token on every route not marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (this.isPublic(context)) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) {
      throw new CommonException(
        CommonExceptionCode.UNAUTHENTICATED,
        'A valid bearer token is required.',
      );
    }
    return principal;
  }

  private isPublic(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}
