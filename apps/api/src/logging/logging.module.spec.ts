import { Writable } from 'node:stream';
import { pino } from 'pino';
import { REDACTED_PATHS } from './logging.module.js';

describe('request logs', () => {
  it('never carry credentials nor the security code of a cheque being checked', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    pino({ redact: REDACTED_PATHS }, sink).info({
      req: {
        url: '/api/v1/cheques/000000000013',
        headers: {
          authorization: 'Bearer secret-token',
          cookie: 'session=abc',
          'x-security-code': 'C9VM0-1MVNQ',
          'user-agent': 'caisse-epn/1.0',
        },
      },
    });
    const line = lines.join('');
    expect(line).toContain('000000000013');
    expect(line).toContain('caisse-epn/1.0');
    for (const secret of ['secret-token', 'session=abc', 'C9VM0-1MVNQ']) {
      expect(line).not.toContain(secret);
    }
  });
});
