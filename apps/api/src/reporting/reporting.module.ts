import { Module } from '@nestjs/common';
import { FundersModule } from '#src/funders/funders.module.js';
import { BudgetService } from './budget.service.js';
import { FiguresRepository } from './figures.repository.js';

/** Figures across modules: budget, value allocated and issued (read-only). */
@Module({
  imports: [FundersModule],
  providers: [FiguresRepository, BudgetService],
  exports: [BudgetService],
})
export class ReportingModule {}
