// What hallq keeps on disk (DATA_DIR: the embedded database, the generated secret, the first
// start's passwords) is readable by hallq's own user only: directories 0700, files 0600.
import { chmodSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Creates DATA_DIR if needed and narrows what is already in it (installs from before). */
export function secureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (path: string) => {
    try {
      const st = lstatSync(path);
      if (st.isSymbolicLink()) return;
      if (st.isDirectory()) {
        chmodSync(path, 0o700);
        for (const name of readdirSync(path)) walk(join(path, name));
      } else if (st.isFile()) {
        chmodSync(path, 0o600);
      }
    } catch (err) {
      // The database may remove a file while we walk; anything else is a real problem.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  };
  walk(dir);
}

export const PASSWORDS_FILE = 'first-start-passwords.txt';

/**
 * Writes the generated passwords once to a 0600 file in DATA_DIR and returns its path; they are
 * never printed (stdout goes to container logs). A database seeded later with the same DATA_DIR
 * (another DATABASE_URL) adds its own block below, never overwriting the earlier one.
 */
export function writePasswordsFile(
  dir: string,
  accounts: { role: string; username: string; password: string }[],
): string {
  const file = join(dir, PASSWORDS_FILE);
  const lines = [
    `# hallq first start ${new Date().toISOString()}: generated passwords. Note them, sign in, change them, then delete this file.`,
    ...accounts.map((a) => `${a.role}\t${a.username}\t${a.password}`),
    '',
  ];
  writeFileSync(file, lines.join('\n'), { mode: 0o600, flag: 'a' });
  chmodSync(file, 0o600);
  return file;
}
