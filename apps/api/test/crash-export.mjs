// The export crash test's worker (reimbursement-export.e2e-spec.ts): a process of its own, on the
// BUILT API (apps/api/dist, as the real worker runs), that exports one batch and kills itself with
// SIGKILL once the file named on its command line is sealed, the next one not written. Usage:
//   node apps/api/test/crash-export.mjs <batchId> <file name>   (configuration from the environment)
import 'reflect-metadata';
import { writeSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';

const { WorkerModule } = await import('#src/worker.module.js');
const { BatchExportService } = await import('#src/reimbursements/batch-export.service.js');

const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
const exports = worker.get(BatchExportService);
exports.afterFileWritten = (name) => {
  if (name !== process.argv[3]) return;
  // Synchronous: the line reaches the test before the process dies.
  writeSync(1, `written ${name}\n`);
  process.kill(process.pid, 'SIGKILL');
};
await exports.export(process.argv[2]);
writeSync(1, 'exported without crashing\n');
process.exit(0);
