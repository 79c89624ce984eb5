import { Module } from '@nestjs/common';
import { OpenUsageRepository } from './open-usage.repository.js';
import { OpenUsageService } from './open-usage.service.js';
import { PublicUsageController } from './public-usage.controller.js';

/** The programmes' open usage data, read from the reporting store (no login). */
@Module({
  controllers: [PublicUsageController],
  providers: [OpenUsageRepository, OpenUsageService],
})
export class OpenUsageModule {}
