import { Module } from '@nestjs/common';
import { FundersModule } from '#src/funders/funders.module.js';
import { BudgetService } from './budget.service.js';
import { FiguresRepository } from './figures.repository.js';
import { ReportRefreshController } from './refresh/report-refresh.controller.js';
import { ReportRefreshRepository } from './refresh/report-refresh.repository.js';
import { ReportRefreshService } from './refresh/report-refresh.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/**
 * Figures across modules: budget, value allocated and issued, the reports' store (refreshed from
 * the other modules' tables, read-only over them) and the programme reports read from it.
 */
@Module({
  imports: [FundersModule],
  controllers: [ReportRefreshController, ReportsController],
  providers: [
    FiguresRepository,
    BudgetService,
    ReportRefreshRepository,
    ReportRefreshService,
    ReportsRepository,
    ReportsService,
  ],
  exports: [BudgetService, ReportRefreshService],
})
export class ReportingModule {}
