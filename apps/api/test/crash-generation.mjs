// The crash test's worker (reimbursement-batches.e2e-spec.ts): a process of its own, on the BUILT
// API (apps/api/dist, as the real worker runs), that generates one batch and kills itself with
// SIGKILL once the lines are written, before the checks, the seal and the commit. Usage:
//   node apps/api/test/crash-generation.mjs <batchId>   (configuration from the environment)
import 'reflect-metadata';
import { writeSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';

const { WorkerModule } = await import('#src/worker.module.js');
const { BatchGenerationService } = await import('#src/reimbursements/batch-generation.service.js');

const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
const generation = worker.get(BatchGenerationService);
generation.afterLinesWritten = () => {
  // Synchronous: the line reaches the test before the process dies.
  writeSync(1, 'lines-written\n');
  process.kill(process.pid, 'SIGKILL');
};
await generation.generate(process.argv[2]);
writeSync(1, 'generated without crashing\n');
process.exit(0);
