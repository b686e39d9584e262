import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { passwordProblems } from './auth/passwords.ts';
import { isLoopbackHost, type OpsAccess } from './plugins/ops-access.ts';
import { SmsEnv, smsSettings, type SmsSettings } from './notifications/sms-config.ts';

// Every setting hallq reads from the environment, parsed once by zod into one typed object.
const EnvSchema = SmsEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  // The same policy as every staff password (auth/passwords.ts).
  HALLQ_ADMIN_PASSWORD: z
    .string()
    .superRefine((v, ctx) => {
      const problems = passwordProblems(v, 'admin');
      if (problems.length) ctx.addIssue({ code: 'custom', message: `must have ${problems.join(', ')}` });
    })
    .optional(),
  HALLQ_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HALLQ_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  HALLQ_RATE_LIMITS: z.enum(['true', 'false']).default('true'),
  // Who may read /metrics and /docs: auto = open when HOST is a loopback address, else private.
  HALLQ_OPS_ACCESS: z.enum(['auto', 'open', 'private']).default('auto'),
  HALLQ_OPS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  HALLQ_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every(isProxyAddress),
      'must be a comma-separated list of addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
    ),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length || !address) return false;
  const version = isIP(address);
  if (!version) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (version === 4 ? 32 : 128);
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  secret: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  rateLimits: boolean;
  /** Proxies whose X-Forwarded-For/-Proto are believed; empty: the peer is the client. */
  trustedProxies: string[];
  /** Where text messages go (README "Text messages"); the log by default. */
  sms: SmsSettings;
  /** Who may read /metrics and /docs (plugins/ops-access.ts). */
  opsAccess: OpsAccess;
  /** The bearer token for /metrics and /docs when they are private. */
  opsToken: string | undefined;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one line naming the variable on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  let secret = e.HALLQ_SECRET;
  if (!secret) {
    if (e.DATABASE_URL) {
      throw new ConfigError('Invalid configuration: HALLQ_SECRET is required when DATABASE_URL is set');
    }
    secret = embeddedSecret(dataDir);
  }
  const sms = smsSettings(e);
  if ('missing' in sms)
    throw new ConfigError(
      `Invalid configuration: ${sms.missing} is required with HALLQ_SMS_PROVIDER=${e.HALLQ_SMS_PROVIDER}`,
    );
  return {
    sms,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    adminPassword: e.HALLQ_ADMIN_PASSWORD,
    secret,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.HALLQ_SEED_DEMO === 'true',
    rateLimits: e.HALLQ_RATE_LIMITS === 'true',
    trustedProxies: e.HALLQ_TRUSTED_PROXIES,
    opsAccess:
      e.HALLQ_OPS_ACCESS === 'auto' ? (isLoopbackHost(e.HOST) ? 'open' : 'private') : e.HALLQ_OPS_ACCESS,
    opsToken: e.HALLQ_OPS_TOKEN,
  };
}

// In embedded mode the secret is generated once and kept beside the database, so hashes and
// encrypted phones stay readable across restarts.
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
