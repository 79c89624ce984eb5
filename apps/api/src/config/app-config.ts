import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  getMetadataStorage,
  validateSync,
} from 'class-validator';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { isIP } from 'node:net';

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const toBaseUrl = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().replace(/\/+$/, '') : value;
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : value;

/** Express's `trust proxy`: false, a hop count, or the addresses/subnets of trusted proxies. */
export type TrustProxy = false | number | string[];

const toTrustProxy = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text === 'true' ? true : toList({ value: text });
};
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyEntry = (entry: string): boolean => {
  const [address, bits, ...rest] = entry.split('/');
  if (PROXY_NAMES.has(entry)) return true;
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};
/** Refuses `true`, which would take the client IP from the left-most, caller-written entry. */
const IsTrustProxy = (): PropertyDecorator =>
  ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) =>
        value === false ||
        (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) ||
        (Array.isArray(value) &&
          value.length > 0 &&
          value.every((entry) => typeof entry === 'string' && isProxyEntry(entry))),
      defaultMessage: () =>
        'TRUST_PROXY must be false, the number of proxies in front of the API (e.g. 1), or their ' +
        'addresses/subnets (e.g. "loopback, uniquelocal" or "10.0.0.0/8"); `true` is refused because ' +
        'it would take the client IP from the left-most X-Forwarded-For entry, which the caller writes',
    },
  });

const toCompactUpper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value;

/** An IBAN (spaces allowed, checked with ibantools: country length and check digits). */
const IsIbanSetting = (): PropertyDecorator =>
  ValidateBy({
    name: 'isIbanSetting',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && isValidIBAN(electronicFormatIBAN(value) ?? ''),
      defaultMessage: () =>
        'SEPA_DEBTOR_IBAN must be a valid IBAN, e.g. FR76 3000 1007 9412 3456 7890 185',
    },
  });

/** A BIC of 8 or 11 characters (checked with ibantools). */
const IsBicSetting = (): PropertyDecorator =>
  ValidateBy({
    name: 'isBicSetting',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidBIC(value),
      defaultMessage: () => 'SEPA_DEBTOR_BIC must be a BIC of 8 or 11 characters, e.g. BDFEFRPPCCT',
    },
  });

/**
 * The debtor account of SEPA files outside production: a made-up collectivité and the textbook
 * Banque de France IBAN (valid check digits, no one's account). Production refuses to start with it.
 */
export const DEMO_SEPA_DEBTOR = {
  name: 'Collectivité de démonstration',
  iban: 'FR7630001007941234567890185',
} as const;

/**
 * Every setting of the API and the worker, read from the environment once and validated at boot.
 * `.env.example` documents each variable; nothing else in the code reads `process.env`.
 */
export class AppConfig {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  /** Prefix of every BullMQ key in Redis: lets several deployments (or test runs) share one Redis. */
  @IsString()
  @Matches(/^[a-z0-9_-]+$/i)
  QUEUE_PREFIX = 'carnet';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** How long the link of an invitation e-mail lets the new user set their password. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  INVITATION_TTL_DAYS = 7;

  /** How long the link of a « Mot de passe oublié ? » e-mail works. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /** Origins allowed to call the API from a browser (comma-separated); empty: same origin only. */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /**
   * Login, refresh, logout and token calls allowed per client IP and route in each window. Sized
   * for a town hall whose agents all sign in from one public address: guessing one account's
   * password is stopped per account (LOGIN_FREE_ATTEMPTS), not per IP.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_THROTTLE_LIMIT = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_THROTTLE_TTL_SECONDS = 60;

  /**
   * Sign-in attempts on one e-mail from one IP before each further attempt from there must wait:
   * 2 s after the next one, then 4, 8… up to LOGIN_LOCK_MAX_SECONDS. A successful sign-in resets it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FREE_ATTEMPTS = 5;

  /**
   * Sign-in attempts on one account within an hour from addresses it has not signed in from
   * lately (so across IPs), before each further one waits LOGIN_LOCK_MAX_SECONDS. Caps guessing
   * spread over many addresses; the owner's usual addresses are not held back by it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_HOURLY_LIMIT = 50;

  /** Longest wait between two sign-in attempts on one account (caps the growing delay). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCK_MAX_SECONDS = 900;

  /** Password hashes and checks (argon2id) computed at once; each takes a core for ~15 ms. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 1;

  /** Password checks that may wait for a slot; beyond that sign-ins get 503 AUTH_BUSY. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PASSWORD_HASH_QUEUE_LIMIT = 32;

  /**
   * Seconds after a refresh during which the same client presenting the same refresh token again
   * (a double submit, parallel tabs) gets the same new pair instead of a revoked session; 0: never.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_REUSE_GRACE_SECONDS = 5;

  /**
   * Secret from which the keys of cheque security codes are derived (their keyed hash, and the
   * encryption of print files). Changing it makes every printed code stop working.
   */
  @IsString()
  @MinLength(32, { message: 'CHEQUE_SECRET must be at least 32 characters' })
  CHEQUE_SECRET!: string;

  /**
   * Secret from which the key of household keys is derived (the keyed hash of a household's
   * normalised postal address). Changing it makes every stored household key stop matching, so
   * the one-carnet-per-household rule no longer sees earlier hand-outs.
   */
  @IsString()
  @MinLength(32, { message: 'HOUSEHOLD_SECRET must be at least 32 characters' })
  HOUSEHOLD_SECRET!: string;

  /** Cheque checks allowed per user (or API client) in each window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CHEQUE_CHECK_LIMIT_PER_USER = 60;

  /** Cheque checks allowed per client IP in each window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CHEQUE_CHECK_LIMIT_PER_IP = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  CHEQUE_CHECK_TTL_SECONDS = 60;

  /**
   * Cheques a user (or API client) may present for redemption in each window, whatever the
   * outcome: a busy venue redeems a few a minute; a sweep of numbers hits the limit at once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REDEMPTION_LIMIT_PER_CALLER = 300;

  /** Cheques presented for redemption per client IP in each window (a network's software). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REDEMPTION_LIMIT_PER_IP = 1200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REDEMPTION_TTL_SECONDS = 60;

  /** Largest issuance run, in carnets. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ISSUANCE_MAX_CARNETS = 200_000;

  /** Largest run printed as PDF; larger runs are printed from the CSV by an outside printer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PRINT_PDF_MAX_CARNETS = 5_000;

  /**
   * Months a beneficiary's identifying data (first name, contact, consent, household key, birth
   * year, diagnostics' notes) are kept after their programme is over (the later of its end date
   * and the expiry of its cheques); the worker purges them every night after that.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  BENEFICIARY_RETENTION_MONTHS = 24;

  /**
   * Hours during which a write sent again with the same Idempotency-Key gets the stored answer
   * instead of running again; the purge job deletes keys older than that.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  IDEMPOTENCY_KEY_TTL_HOURS = 24;

  /**
   * Longest wait, in milliseconds, for a request holding the same Idempotency-Key to finish before
   * a replay is refused with 409 IDEMPOTENCY_KEY_IN_USE.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60_000)
  IDEMPOTENCY_LOCK_TIMEOUT_MS = 10_000;

  /**
   * When the worker makes the previous month's reimbursement batches (cron, Europe/Paris time):
   * by default the 1st of the month at 06:00.
   */
  @IsString()
  @Matches(/^\S+( \S+){4,5}$/, {
    message: 'REIMBURSEMENT_CRON must be a cron pattern of 5 or 6 fields, e.g. "0 6 1 * *"',
  })
  REIMBURSEMENT_CRON = '0 6 1 * *';

  /**
   * When the worker brings the reports' figures up to date (cron, Europe/Paris time): by default
   * every 5 minutes. Each run reads only what changed since the previous one.
   */
  @IsString()
  @Matches(/^\S+( \S+){4,5}$/, {
    message: 'REPORT_REFRESH_CRON must be a cron pattern of 5 or 6 fields, e.g. "*/5 * * * *"',
  })
  REPORT_REFRESH_CRON = '*/5 * * * *';

  /**
   * The programme owner's account the batches' transfer files (sepa.xml) debit: its holder's name
   * (transliterated to the SEPA character set, at most 70 characters sent), its IBAN and, when
   * the bank wants it, its BIC. Outside production a demonstration account stands in; production
   * refuses to start without a real one.
   */
  @IsString()
  @Matches(/\S/, { message: 'SEPA_DEBTOR_NAME must not be blank' })
  SEPA_DEBTOR_NAME: string = DEMO_SEPA_DEBTOR.name;

  @Transform(toCompactUpper)
  @IsIbanSetting()
  SEPA_DEBTOR_IBAN: string = DEMO_SEPA_DEBTOR.iban;

  @Transform(toCompactUpper)
  @IsOptional()
  @IsBicSetting()
  SEPA_DEBTOR_BIC?: string;

  /**
   * Where people reach the admin app (no trailing slash): the links of invitation and password
   * e-mails, and the public page « Où utiliser mon Pass numérique ? » printed on carnets as a QR
   * code and a short address.
   */
  @Transform(toBaseUrl)
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'PUBLIC_URL must be an http(s) address, e.g. "https://pass.agglo-lenslievin.fr"',
  })
  PUBLIC_URL = 'http://localhost:5173';

  /**
   * The mail server the API sends through (nodemailer), e.g. "smtp://user:pass@smtp.example.fr:587"
   * or "smtps://…:465"; empty: no e-mail is sent (npm start runs a local catcher and sets it).
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, {
    message: 'SMTP_URL must be an smtp:// or smtps:// address, e.g. "smtp://localhost:1025"',
  })
  SMTP_URL?: string;

  /** The sender of the API's e-mails. */
  @IsString()
  @Matches(/\S+@\S+/, { message: 'MAIL_FROM must contain an e-mail address' })
  MAIL_FROM = 'Pass numérique <ne-pas-repondre@pass-numerique.localhost>';

  /** How many days before the validity end the expiry alert shows. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EXPIRY_ALERT_DAYS = 30;

  /**
   * Which reverse proxies to believe about the client IP (X-Forwarded-For): false (none), how many
   * sit in front of the API (1 behind our nginx), or their addresses/subnets. Only entries added by
   * trusted proxies are believed, counting from the right; `true` is refused (see IsTrustProxy).
   */
  @Transform(toTrustProxy)
  @IsTrustProxy()
  TRUST_PROXY: TrustProxy = false;

  @IsEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Compact request logs (method, URL, status) instead of whole request and response objects. */
  @Transform(toBool)
  @IsBoolean()
  @IsOptional()
  LOG_PRETTY = false;

  get isProduction(): boolean {
    return this.NODE_ENV === NodeEnv.Production;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Builds and validates the config from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = configVariableNames();
  const input: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const config = plainToInstance(AppConfig, input);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  const problems = errors.map(
    (e) =>
      `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'} (got ${
        e.value === undefined ? 'nothing' : JSON.stringify(e.value)
      })`,
  );
  // The demonstration account would send real transfer files debiting no one's account.
  if (config.isProduction && config.SEPA_DEBTOR_IBAN === DEMO_SEPA_DEBTOR.iban) {
    problems.push(
      'SEPA_DEBTOR_IBAN: required in production (the account the transfer files debit); the ' +
        'demonstration IBAN is refused',
    );
  }
  // Printed on every carnet's cover (QR code and short address) and in every e-mail's link: a
  // carnet printed with localhost cannot be corrected.
  if (
    config.isProduction &&
    /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(config.PUBLIC_URL)
  ) {
    problems.push(
      'PUBLIC_URL: required in production (the address printed on carnets and sent in e-mails); ' +
        `a local address is refused (got ${JSON.stringify(config.PUBLIC_URL)})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The variable names: every validated field of AppConfig, including those without a default. */
export function configVariableNames(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}
