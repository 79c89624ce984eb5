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
});
