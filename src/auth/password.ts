// Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes). The PHC string stores
// the parameters, so raising them later still verifies old hashes.
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../shared/errors.js';

// `Algorithm` is an ambient const enum, which isolatedModules cannot reference; 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

/** Throws VALIDATION_FAILED for a password too weak to accept. */
export function assertAcceptablePassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'VALIDATION_FAILED',
      `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符 / password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      { errors: [{ in: 'body', path: '/password', message: `min ${MIN_PASSWORD_LENGTH}` }] },
    );
  }
  if (new Set(password).size < 3) {
    throw new AppError(
      'VALIDATION_FAILED',
      '密码过于简单（重复字符）/ password is too simple (repeated characters)',
      { errors: [{ in: 'body', path: '/password', message: 'too simple' }] },
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
