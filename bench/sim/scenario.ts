// Scenario files: bench/scenarios/*.json, checked by the schema the engine shares with the server.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema, type Scenario } from '../../server/src/domain/sim/scenario.ts';

export * from '../../server/src/domain/sim/scenario.ts';

/** Reads and checks a scenario file; a file without a name takes the file's. */
export async function loadScenario(path: string): Promise<Scenario> {
  let data: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (data && typeof data === 'object' && !('name' in data))
    data = { ...data, name: basename(path, '.json') };
  const result = scenarioSchema.safeParse(data);
  if (!result.success) throw new Error(`${path}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** The scenario files named on the command line, or every bench/scenarios/*.json. */
export async function scenarioFiles(args: readonly string[]): Promise<string[]> {
  const named = args.filter((a) => !a.startsWith('--'));
  if (named.length) return named;
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');
  return (await readdir(dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** The mean service minutes of the scenario's whole day, weighted by each matter's arrivals. */
export function meanServiceMinutes(s: Scenario): number {
  let work = 0;
  let volume = 0;
  for (const m of s.matters) {
    const n = m.arrivalsPerHour.reduce((a, b) => a + b, 0);
    work += n * m.service.meanMinutes;
    volume += n;
  }
  return volume > 0 ? work / volume : 0;
}
