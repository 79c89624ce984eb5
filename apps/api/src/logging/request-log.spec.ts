import express from 'express';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { pinoHttpOptions } from './logging.module.js';

/**
 * The access log as the API writes it: pino-http with the API's options, mounted as nestjs-pino
 * mounts it under the global prefix (Express then decodes the path into `params`), fed real
 * requests. Nothing a log reader could misuse reaches a line.
 */
describe('access log lines', () => {
  const secrets = ['K7QF2M9XPA', 'C9VM01MVNQ', 'Marie', 'secret-token', 'session=abc'];

  async function logLines(send: (agent: request.Agent) => Promise<unknown>): Promise<string> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = express();
    const options = pinoHttpOptions({ LOG_LEVEL: 'info', LOG_PRETTY: false });
    app.all('/api/v1{/*splat}', pinoHttp({ ...options, logger: pino(options, sink) }));
    app.use(express.json());
    app.all('/api/v1{/*splat}', (_req, res) => {
      res.status(404).json({ code: 'NOT_FOUND' });
    });
    await send(request.agent(app));
    return lines.join('');
  }

  it("never carry a cheque's code scanned into the path, a query string or credentials", async () => {
    const line = await logLines(async (agent) => {
      await agent
        .get('/api/v1/cheques/PN1%3A000000000013%3AK7QF2M9XPA')
        .query({ venueId: 'v1' })
        .set('Authorization', 'Bearer secret-token')
        .set('Cookie', 'session=abc');
      await agent.get('/api/v1/cheques/PN1:000000000013:K7QF2M9XPA');
      await agent.get('/api/v1/beneficiaries').query({ 'filter[firstName]': 'Marie' });
      await agent
        .post('/api/v1/redemptions')
        .set('X-Security-Code', 'C9VM01MVNQ')
        .send({ cheques: [{ number: '000000000013', securityCode: 'K7QF2M9XPA' }] });
    });
    // The requests were logged, with their paths.
    expect(line).toContain('/api/v1/cheques/PN1:…');
    expect(line).toContain('/api/v1/beneficiaries');
    expect(line).toContain('/api/v1/redemptions');
    for (const secret of secrets) expect(line).not.toContain(secret);
  });
});
