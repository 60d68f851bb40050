// `node --import ./test/support/record-imports.mjs …`: appends every module URL the process loads to
// the file named by SHIXU_IMPORT_LOG, so a test can tell which parts of the code a command pulled in.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url);
