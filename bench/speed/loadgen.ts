// The load generator in a process of its own (issue 18): the HTTP clients (and the `pg` clients
// of the same-work baselines) run in a child process, so the server's event loop does only the
// server's work, and a hallq round and its baseline round are driven by the same code from the
// same place. Commands and answers go over IPC (load-child.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a round's requests go: the server over HTTP, or PostgreSQL through a pool of `pool`. */
export type Target = { kind: 'http'; baseUrl: string } | { kind: 'pg'; url: string; pool: number };

const here = dirname(fileURLToPath(import.meta.url));

export class LoadProcess {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (m.id === undefined) return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) w?.resolve(m.result);
      else w?.reject(new Error(`load process: ${m.error}`));
    });
    child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`load process exited (${code})`));
      this.waiting.clear();
    });
  }

  /** Starts the child (TypeScript through tsx, from the repository root) and waits until it listens. */
  static async start(): Promise<LoadProcess> {
    const child = fork(join(here, 'load-child.ts'), [], {
      cwd: join(here, '..', '..'),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`load process exited at start (${code})`)));
    });
    return new LoadProcess(child);
  }

  run<T>(cmd: string, args: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args });
    });
  }

  /** The child's process id (for the run's notes). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async close(): Promise<void> {
    await this.run('close', { target: { kind: 'http', baseUrl: 'http://127.0.0.1:1' } }).catch(() => {});
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill();
    await exited;
  }
}
