/**
 * Node entry of `npm run evaluate -- <scenario.json> [--format json|csv|ledgers|xlsx] [--out <file>]`:
 * wires the real file system and process streams to {@link runCli}.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import process from 'node:process';
import { runCli } from './run';

// `npm run` starts scripts in the package root; resolve paths from where the user typed them.
const baseDir =
  process.env.npm_lifecycle_event === 'evaluate'
    ? (process.env.INIT_CWD ?? process.cwd())
    : process.cwd();

// `… | head` closes the pipe early: not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    readFile: (path) => readFile(resolve(baseDir, path), 'utf8'),
    writeFile: (path, data) => writeFile(resolve(baseDir, path), data),
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
  });
} catch (error) {
  // Only bugs get here: say so, with the stack, and keep exit codes 1 and 2 meaningful.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`evaluate: internal error, please report it:\n${detail}\n`);
  process.exitCode = 3;
}
