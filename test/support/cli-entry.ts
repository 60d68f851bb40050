// Runs the CLI from the sources (through tsx) as a real process, so tests can pipe stdin and read
// stdout and the exit code without depending on a build in dist/.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
