import { Module } from '@nestjs/common';
import { FundersModule } from '#src/funders/funders.module.js';
import { BudgetService } from './budget.service.js';
import { FiguresRepository } from './figures.repository.js';
import { ReportRefreshController } from './refresh/report-refresh.controller.js';
import { ReportRefreshRepository } from './refresh/report-refresh.repository.js';
import { ReportRefreshService } from './refresh/report-refresh.service.js';

/**
 * Figures across modules: budget, value allocated and issued, and the reports' store (refreshed
 * from the other modules' tables, read-only over them).
 */
@Module({
  imports: [FundersModule],
  controllers: [ReportRefreshController],
  providers: [FiguresRepository, BudgetService, ReportRefreshRepository, ReportRefreshService],
  exports: [BudgetService, ReportRefreshService],
})
export class ReportingModule {}
