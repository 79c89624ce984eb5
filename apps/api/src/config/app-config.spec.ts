import { ConfigError, DEMO_SEPA_DEBTOR, loadConfig } from './app-config.js';

const valid = {
  DATABASE_URL: 'postgres://carnet:secret@localhost:5432/carnet',
  REDIS_URL: 'redis://localhost:6379',
  JWT_SECRET: 'x'.repeat(40),
  CHEQUE_SECRET: 'y'.repeat(40),
  HOUSEHOLD_SECRET: 'z'.repeat(40),
};

describe('loadConfig', () => {
  it('applies defaults and converts numbers, booleans and lists', () => {
    const config = loadConfig({
      ...valid,
      PORT: '8080',
      TRUST_PROXY: '1',
      CORS_ORIGINS: 'https://a.example.fr, https://b.example.fr',
    });
    expect(config.PORT).toBe(8080);
    expect(config.TRUST_PROXY).toBe(1);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example.fr', 'https://b.example.fr']);
    expect(config.JWT_ACCESS_TTL_SECONDS).toBe(900);
    expect(config.isProduction).toBe(false);
  });

  it('reads the public address without its trailing slash and checks the mail settings', () => {
    const config = loadConfig({
      ...valid,
      PUBLIC_URL: 'https://pass.example.fr/',
      SMTP_URL: 'smtp://localhost:1025',
    });
    expect(config.PUBLIC_URL).toBe('https://pass.example.fr');
    expect(config.SMTP_URL).toBe('smtp://localhost:1025');
    expect(loadConfig(valid).SMTP_URL).toBeUndefined();
    expect(() => loadConfig({ ...valid, PUBLIC_URL: 'pass.example.fr' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...valid, SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...valid, MAIL_FROM: 'Pass' })).toThrow(/MAIL_FROM/);
  });

  it('names every bad or missing variable', () => {
    try {
      loadConfig({ ...valid, DATABASE_URL: 'mysql://nope', JWT_SECRET: 'short', PORT: 'eighty' });
      throw new Error('loadConfig accepted a bad configuration');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/JWT_SECRET/);
      expect(message).toMatch(/PORT/);
      expect(message).not.toMatch(/REDIS_URL/);
    }
  });

  it('refuses a configuration without REDIS_URL', () => {
    const { REDIS_URL: _omitted, ...rest } = valid;
    expect(() => loadConfig(rest)).toThrow(/REDIS_URL/);
  });

  it('takes the SEPA debtor account compacted, checks IBAN and BIC, and demands a real one in production', () => {
    const config = loadConfig({
      ...valid,
      SEPA_DEBTOR_NAME: 'Ville de Liévin',
      SEPA_DEBTOR_IBAN: 'fr76 3000 6000 0112 3456 7890 189',
      SEPA_DEBTOR_BIC: 'agrifrpp',
    });
    expect(config.SEPA_DEBTOR_IBAN).toBe('FR7630006000011234567890189');
    expect(config.SEPA_DEBTOR_BIC).toBe('AGRIFRPP');
    const demo = loadConfig(valid);
    expect(demo.SEPA_DEBTOR_IBAN).toBe(DEMO_SEPA_DEBTOR.iban);
    expect(demo.SEPA_DEBTOR_BIC).toBeUndefined();
    expect(() => loadConfig({ ...valid, SEPA_DEBTOR_IBAN: 'FR7630006000011234567890188' })).toThrow(
      /SEPA_DEBTOR_IBAN/,
    );
    expect(() => loadConfig({ ...valid, SEPA_DEBTOR_BIC: 'NOTABIC' })).toThrow(/SEPA_DEBTOR_BIC/);
    expect(() => loadConfig({ ...valid, SEPA_DEBTOR_NAME: '   ' })).toThrow(/SEPA_DEBTOR_NAME/);
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(
      /SEPA_DEBTOR_IBAN: required in production/,
    );
    expect(
      loadConfig({
        ...valid,
        NODE_ENV: 'production',
        SEPA_DEBTOR_IBAN: 'FR7630006000011234567890189',
        PUBLIC_URL: 'https://pass.agglo-lenslievin.fr',
      }).SEPA_DEBTOR_IBAN,
    ).toBe('FR7630006000011234567890189');
  });

  it('demands in production the public address that carnets print and e-mails link to', () => {
    const production = {
      ...valid,
      NODE_ENV: 'production',
      SEPA_DEBTOR_IBAN: 'FR7630006000011234567890189',
    };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL: required in production/);
    expect(() => loadConfig({ ...production, PUBLIC_URL: 'http://127.0.0.1:8080' })).toThrow(
      /PUBLIC_URL: required in production/,
    );
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://pass.example.fr/' }).PUBLIC_URL).toBe(
      'https://pass.example.fr',
    );
    // Outside production (npm start, the tests) the admin's local address stands in.
    expect(loadConfig(valid).PUBLIC_URL).toBe('http://localhost:5173');
  });
});
