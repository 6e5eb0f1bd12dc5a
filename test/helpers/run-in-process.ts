/** Runs the CLI in this process (no build, no spawn): what a user sees on stdout and stderr, and the exit code. */
import { cli, type CliRun } from './cli.js';

export type InProcessRun = CliRun;

export function runIn(args: string[]): Promise<InProcessRun> {
  return cli(args);
}
