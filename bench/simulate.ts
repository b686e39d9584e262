// `npm run simulate [scenario.json …]`: runs the hall-day simulator on the given scenarios (default:
// every bench/scenarios/*.json) and prints each report. `--markdown` prints Markdown instead;
// `--strict` exits non-zero when a target is missed.
import { formatReport, simulationMarkdown, summaryLine } from './sim/format.ts';
import { runSimulation } from './sim/report.ts';
import { loadScenario, scenarioFiles } from './sim/scenario.ts';

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const strict = args.includes('--strict');
const files = await scenarioFiles(args);

const results = [];
for (const file of files) {
  const result = runSimulation(await loadScenario(file));
  results.push(result);
  if (!markdown) console.log(`${formatReport(result)}\n`);
}
if (markdown) console.log(simulationMarkdown(results));
else for (const r of results) console.log(summaryLine(r));

if (strict && results.some((r) => r.verdicts.some((v) => !v.met))) process.exitCode = 1;
