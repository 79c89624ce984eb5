import { loggedRequest } from './logging.module.js';

describe('loggedRequest', () => {
  it('logs the path of a request, never its query string', () => {
    const logged = loggedRequest({
      id: 'r1',
      method: 'GET',
      url: '/api/v1/beneficiaries?filter[firstName]=Marie&pageSize=20',
      query: { filter: { firstName: 'Marie' }, pageSize: '20' },
    });
    expect(logged).toEqual({ id: 'r1', method: 'GET', url: '/api/v1/beneficiaries' });
    expect(JSON.stringify(logged)).not.toContain('Marie');
  });

  it('keeps a path without a query as it is', () => {
    expect(loggedRequest({ method: 'GET', url: '/api/v1/carnets/42' }).url).toBe(
      '/api/v1/carnets/42',
    );
  });

  it("never logs the security code of a cheque's QR payload sent as the path", () => {
    for (const url of [
      '/api/v1/cheques/PN1:000000000013:K7QF2M9XPA',
      '/api/v1/cheques/PN1%3A000000000013%3AK7QF2M9XPA?venueId=x',
      '/api/v1/cheques/pn1:000000000013:K7QF2M9XPA/events',
    ]) {
      const logged = loggedRequest({ method: 'GET', url });
      expect(logged.url).toMatch(/^\/api\/v1\/cheques\/PN1:…/);
      expect(logged.url).not.toContain('K7QF2M9XPA');
    }
  });
});
