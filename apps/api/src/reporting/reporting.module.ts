import { Module } from '@nestjs/common';
import { FundersModule } from '#src/funders/funders.module.js';
import { BudgetService } from './budget.service.js';
import { FiguresRepository } from './figures.repository.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/**
 * Figures across modules, read-only: the budget view (allocated and issued value) and the
 * programme reports, from the reporting store and small live tables.
 */
@Module({
  imports: [FundersModule],
  controllers: [ReportsController],
  providers: [FiguresRepository, BudgetService, ReportsRepository, ReportsService],
  exports: [BudgetService],
})
export class ReportingModule {}
