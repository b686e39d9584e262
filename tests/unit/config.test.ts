import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.ts';

describe('configuration', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'hallq-config-'));

  it('uses the defaults and keeps a generated secret in the data folder', () => {
    const dataDir = dir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', databaseUrl: undefined, logLevel: 'info' });
    expect(config.secret).toHaveLength(64);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim()).toBe(config.secret);
    expect(loadConfig({ DATA_DIR: dataDir }).secret).toBe(config.secret);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ HALLQ_ADMIN_PASSWORD: 'short' }, 'HALLQ_ADMIN_PASSWORD'],
    [{ HALLQ_ADMIN_PASSWORD: 'eightchr' }, 'HALLQ_ADMIN_PASSWORD'],
    [{ HALLQ_ADMIN_PASSWORD: 'myadminpass2026' }, 'HALLQ_ADMIN_PASSWORD'],
    [{ HALLQ_SECRET: 'tiny' }, 'HALLQ_SECRET'],
    [{ HALLQ_TRUSTED_PROXIES: '10.0.0.1, nginx' }, 'HALLQ_TRUSTED_PROXIES'],
    [{ HALLQ_TRUSTED_PROXIES: '10.0.0.0/33' }, 'HALLQ_TRUSTED_PROXIES'],
    [{ DATABASE_URL: 'postgres://db/hallq' }, 'HALLQ_SECRET'],
  ])('stops with one line naming the variable for %o', (env, name) => {
    try {
      loadConfig({ DATA_DIR: dir(), ...env });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(name);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
