/** Runs the CLI in this process (no build, no spawn): what a user sees on stdout and stderr, and the exit code. */
import { runCli } from '../../src/cli/run.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runIn(args: string[]): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'faasim', ...args], { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
