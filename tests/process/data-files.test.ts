// Finding 7 and the password part of 8: the embedded database and everything else in DATA_DIR
// is readable by hallq's user only (directories 0700, files 0600), and the generated first-start
// passwords go once to a 0600 file there, never to stdout.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/process.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function modes(dir: string): { path: string; mode: number; dir: boolean }[] {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    out.push({ path: p, mode: st.mode & 0o777, dir: st.isDirectory() });
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  };
  walk(dir);
  return out;
}

describe('files in DATA_DIR', () => {
  it(
    'keeps the embedded database and the first passwords private, and never prints them',
    { timeout: 600_000 },
    async () => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'hallq-files-')), 'data');
      const port = await freePort();
      const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          DATA_DIR: dataDir,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          HALLQ_SKIP_WEB_BUILD: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
      try {
        for (;;) {
          if (proc.exitCode !== null) throw new Error(`server exited: ${output}`);
          const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => r.ok,
            () => false,
          );
          if (ok) break;
          await new Promise((r) => setTimeout(r, 200)); // polling for start-up, not a timed wait
        }
      } finally {
        proc.kill('SIGTERM');
        await exited;
      }
      const all = modes(dataDir);
      expect(all.length).toBeGreaterThan(10);
      const open = all.filter((f) => (f.dir ? f.mode !== 0o700 : f.mode & 0o077));
      expect(open.map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);

      const file = join(dataDir, 'first-start-passwords.txt');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'));
      expect(lines.map((l) => l.split('\t')[1])).toContain('admin');
      for (const line of lines) expect(output).not.toContain(line.split('\t')[2]!);
      expect(output).toContain(file);
    },
  );
});
