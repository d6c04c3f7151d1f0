import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The `kaohe` npm script's node arguments, read from package.json so the tests run exactly what
 * `npm run kaohe -- …` runs, with the tests' own Node (the project's Node 22) and without npm's start-up
 * (about 0.25 s of CPU a call, and the CLI tests make over a hundred calls). One test in cli.test.ts still
 * goes through `npm run kaohe` itself.
 */
const SCRIPT =
  (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts.kaohe ?? '';
const [NODE, ...NODE_ARGS] = SCRIPT.split(' ');
if (NODE !== 'node' || NODE_ARGS.some((a) => /["'$]/.test(a)))
  throw new Error(`the kaohe script is not a plain node command: ${SCRIPT}`);

/** Run the CLI as `npm run --silent kaohe -- …args` would, from the repository root. */
export function runKaohe(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same through npm itself, to keep the script's wiring under test. */
export function runKaoheThroughNpm(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', ['run', '--silent', 'kaohe', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
