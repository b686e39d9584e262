// Scenario files: bench/scenarios/*.json, checked by the schema the engine shares with the server.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
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
