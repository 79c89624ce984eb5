import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { AccessGuard } from '#src/access/access.guard.js';
import { AppConfig } from '#src/config/app-config.js';
import { RedisThrottlerStorage } from '#src/redis/redis-throttler.storage.js';
import { REDIS } from '#src/redis/redis.module.js';
import { MailModule } from '#src/mail/mail.module.js';
import { AccessTokenSigner } from './access-token.js';
import { AccountLinksRepository } from './account-links.repository.js';
import { AccountLinksService } from './account-links.service.js';
import { ApiClientsController } from './api-clients.controller.js';
import { ApiClientsRepository } from './api-clients.repository.js';
import { ApiClientsService } from './api-clients.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { ClientCredentialsService } from './client-credentials.service.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginAttempts } from './login-attempts.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';
import { PasswordHasher } from './password-hasher.js';
import { ProfileService } from './profile.service.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { RetryAfterInterceptor } from './retry-after.interceptor.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInInfoController } from './sign-in-info.controller.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/**
 * Users, organisations, roles, API clients, sessions; the two global guards, and the interceptor
 * that sends Retry-After with the auth errors that carry one.
 */
@Module({
  imports: [
    PassportModule,
    MailModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          {
            // Named 'default' so that the guard answers the standard Retry-After header.
            name: 'default',
            ttl: config.AUTH_THROTTLE_TTL_SECONDS * 1000,
            limit: config.AUTH_THROTTLE_LIMIT,
          },
        ],
        storage: new RedisThrottlerStorage(redis, config.QUEUE_PREFIX),
      }),
    }),
  ],
  controllers: [
    AuthController,
    UsersController,
    OrganisationsController,
    ApiClientsController,
    SignInInfoController,
  ],
  providers: [
    AccessTokenSigner,
    AuthService,
    AccountLinksService,
    AccountLinksRepository,
    ClientCredentialsService,
    ProfileService,
    UsersService,
    OrganisationsService,
    ApiClientsService,
    UsersRepository,
    OrganisationsRepository,
    ApiClientsRepository,
    RefreshTokensRepository,
    SessionsRepository,
    LoginAttempts,
    PasswordHasher,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor },
  ],
  exports: [
    AuthService,
    AccountLinksService,
    UsersService,
    UsersRepository,
    OrganisationsRepository,
    PasswordHasher,
  ],
})
export class AuthModule {}
