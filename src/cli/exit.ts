/**
 * A command's outcome that is not a crash: lines for stderr (each printed as `faasim: …`) and the
 * exit code. --fail-if exits 4 this way after the report; `faasim validate` exits 2 with one line per
 * problem (an InputError would prefix only its first line).
 */
export const EXIT_GATE_FAILED = 4;
export const EXIT_BAD_INPUT = 2;

export class CliExit extends Error {
  readonly lines: string[];
  readonly exitCode: number;
  constructor(lines: string[], exitCode: number) {
    super(lines.join('\n'));
    this.name = 'CliExit';
    this.lines = lines;
    this.exitCode = exitCode;
  }
}
