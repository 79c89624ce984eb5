import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import { ChequesModule } from './cheques/cheques.module.js';
import { CommunesModule } from './communes/communes.module.js';
import { CustodyModule } from './custody/custody.module.js';
import { ExpiryModule } from './expiry/expiry.module.js';
import { FundersModule } from './funders/funders.module.js';
import { ContentTypeInterceptor } from './common/content-type.interceptor.js';
import { ProblemFilter } from './common/problem.filter.js';
import { RequestInputMiddleware } from './common/request-input.middleware.js';
import { RequestContextMiddleware } from './common/request-context.middleware.js';
import { CoreModule } from './core.module.js';
import { httpStatusOf } from './error-codes.js';
import { HealthModule } from './health/health.module.js';
import { IssuanceModule } from './issuance/issuance.module.js';
import { PrescribersModule } from './prescribers/prescribers.module.js';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module.js';
import { SummariesModule } from './summaries/summaries.module.js';
import { VenuesModule } from './venues/venues.module.js';
import { QueueBoardModule } from './queue-board/queue-board.module.js';
import { OpenUsageModule } from './reporting/open-usage/open-usage.module.js';
import { PublicProgrammesModule } from './public-programmes/public-programmes.module.js';
import { RedemptionsModule } from './redemptions/redemptions.module.js';
import { ReimbursementsModule } from './reimbursements/reimbursements.module.js';
import { ReportingModule } from './reporting/reporting.module.js';

/** The HTTP API. */
@Module({
  imports: [
    CoreModule,
    HealthModule,
    AuthModule,
    FundersModule,
    CommunesModule,
    VenuesModule,
    PrescribersModule,
    IssuanceModule,
    CustodyModule,
    ChequesModule,
    ExpiryModule,
    BeneficiariesModule,
    SummariesModule,
    RedemptionsModule,
    ReimbursementsModule,
    ReportingModule,
    QueueBoardModule,
    OpenUsageModule,
    PublicProgrammesModule,
  ],
  providers: [
    { provide: APP_FILTER, useValue: new ProblemFilter(httpStatusOf) },
    { provide: APP_INTERCEPTOR, useClass: ContentTypeInterceptor },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, RequestInputMiddleware).forRoutes('*path');
  }
}
