/** `faasim validate FILE [--kind scenario|price-sheet]`: a scenario or price sheet checked, nothing run. Exit 0 "valid", or 2 with each problem's line and column. */
import type { Command } from 'commander';
import { escapeInline, type FileKind, formatProblem, inputError, validateFile } from '../../index.js';
import { CliExit, EXIT_BAD_INPUT } from '../exit.js';

export function registerValidate(program: Command, out: (text: string) => void): void {
  program
    .command('validate')
    .description('check a scenario file or a price sheet against its schema without running anything')
    .argument('<file>', 'a scenario (scenarios/*.json) or a price sheet (pricing/<provider>.json)')
    .option(
      '--kind <kind>',
      'scenario or price-sheet (default: recognised by content; a price sheet names its provider, currency and regions)',
    )
    .action((file: string, flags: { kind?: string }) => {
      const kind = flags.kind;
      if (kind !== undefined && kind !== 'scenario' && kind !== 'price-sheet')
        throw inputError('BAD_FLAG', `--kind "${escapeInline(kind)}" must be scenario or price-sheet`);
      const v = validateFile(file, kind as FileKind | undefined);
      if (v.problems.length > 0) {
        // each on its own line, `faasim: FILE:LINE:COLUMN: path: message`, in the file's order; exit 2
        const sorted = [...v.problems].sort(
          (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
        );
        throw new CliExit(
          sorted.map((p) => formatProblem(file, p)),
          EXIT_BAD_INPUT,
        );
      }
      out(
        `${escapeInline(file)}: valid ${v.kind === 'price-sheet' ? `price sheet (${v.provider})` : 'scenario'}\n`,
      );
    });
}
