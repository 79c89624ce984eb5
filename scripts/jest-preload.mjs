// Evaluates the ESM-only NestJS packages before any test file, so that CommonJS packages that
// require() them (nestjs-pino, @nestjs/throttler) find them loaded instead of mid-way in a cycle.
await import('@nestjs/common');
await import('@nestjs/core');
