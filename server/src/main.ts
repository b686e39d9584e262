import { bootstrap } from './bootstrap.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { secureDataDir, writePasswordsFile } from './data-files.ts';
import { openDatabase } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startJobs } from './jobs.ts';
import { listenForEvents } from './realtime/listen.ts';
import { ensureWebBuild } from './web.ts';

// Start-up: configuration, database and migrations, first-start seed, web build, listen;
// and a graceful stop on SIGTERM/SIGINT.
async function main(): Promise<void> {
  // Everything this process creates (the embedded database's files too) is its user's only.
  process.umask(0o077);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  secureDataDir(config.dataDir);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle.db as never);
  // The embedded engine sets its own files' modes (0666, past the umask): DATA_DIR itself is
  // 0700, so nobody else can reach them, and they are narrowed to 0600 now, every minute, and
  // at the stop.
  const narrow = () => {
    if (handle.kind === 'pglite') secureDataDir(config.dataDir);
  };
  narrow();
  setInterval(narrow, 60_000).unref();
  const seeded = await bootstrap(handle.db, {
    adminPassword: config.adminPassword,
    seedDemo: config.seedDemo,
  });
  if (seeded.printed.length) {
    // Written once, on the first start only, to a private file (never to the log: stdout ends up
    // in container logs); the database keeps only their hashes.
    const file = writePasswordsFile(config.dataDir, seeded.printed);
    console.log(
      `hallq first start: accounts created; their passwords are in ${file} (readable by this user only)`,
    );
  }
  await ensureWebBuild();
  const app = await buildApp({
    db: handle.db,
    secret: config.secret,
    logLevel: config.logLevel,
    rateLimit: config.rateLimits,
    trustedProxies: config.trustedProxies,
    sms: config.sms,
  });
  const stopListening = handle.pool
    ? await listenForEvents(handle.pool, app.services.publisher, app.services.helpAlerts)
    : async () => {};
  const jobs = startJobs(app);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `hallq serving on http://localhost:${config.port} (${handle.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    jobs.stop();
    // Drain: keep serving until nothing has been in flight for a moment (at most 10 s).
    app.load.draining = true;
    const drainEnd = Date.now() + 10_000;
    let quietSince = Date.now();
    while (Date.now() < drainEnd) {
      if (app.load.inFlight > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 300) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await stopListening();
    // Stops accepting, lets in-flight requests finish and closes sockets; connections that
    // linger past the grace period (a stuck client) are cut so the process can exit.
    const closing = app.close();
    setTimeout(() => app.server.closeAllConnections(), 5_000).unref();
    await closing;
    app.log.info('server closed');
    await handle.close();
    narrow();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error('hallq failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
