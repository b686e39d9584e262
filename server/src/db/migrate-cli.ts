import { loadConfig, ConfigError } from '../config.ts';
import { openDatabase } from './index.ts';
import { migrateToLatest } from './migrate.ts';

// `npm run db:migrate`: applies pending migrations and exits.
try {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(handle.db as never);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await handle.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
