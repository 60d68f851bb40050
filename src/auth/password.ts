// Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes). The PHC string stores
// the parameters, so raising them later still verifies old hashes.
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../shared/errors.js';
import { passwordProblem } from './password-policy.js';

// `Algorithm` is an ambient const enum, which isolatedModules cannot reference; 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Throws VALIDATION_FAILED, naming the reason, for a password `username` may not have. */
export function assertAcceptablePassword(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) {
    const message = `${problem.zh} / ${problem.en}`;
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: `密码不符合要求：${problem.zh}`, en: `The password is not acceptable: ${problem.en}` },
      {
        errors: [{ in: 'body', path: '/password', message }],
      },
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: see ARGON2ID above
  return hash(password, OPTIONS as any);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so a response does not reveal whether a username exists. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('shixu-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
