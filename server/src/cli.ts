/** The `npm run kring -- …` entry point; the commands live in cli/run-cli.ts. */
import { runCli } from './cli/run-cli';

runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`kring: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
