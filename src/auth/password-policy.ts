// Which passwords an account may have. Guessing is what breaks weak passwords: a list of the most
// used ones, the user's own name, keyboard runs and repeated characters are tried first, so each is
// refused, and so is anything shorter than MIN_PASSWORD_LENGTH. Applied wherever a password is set
// (user creation and password change, over HTTP and the CLI) — never at sign-in, so an existing
// account keeps working until its password is next changed.
import { readFileSync } from 'node:fs';
import { MIN_PASSWORD_LENGTH } from './password-length.js';

export { MIN_PASSWORD_LENGTH };

// The list sits beside this module's source; from dist/auth/ the same relative path reaches it.
const LIST_FILE = new URL('../../src/auth/common-passwords.txt', import.meta.url);

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(LIST_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

// Runs a person types without thinking: digits, the alphabet, keyboard rows and columns.
const RUNS = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '!@#$%^&*()',
];

function isRun(lower: string): boolean {
  return RUNS.some((run) => {
    const twice = run + run;
    return twice.includes(lower) || [...twice].reverse().join('').includes(lower);
  });
}

/** A password made of one short piece repeated ("aaaaaaaaaa", "abcabcabcabc", "1212121212"). */
function isRepetition(password: string): boolean {
  return /^(.{1,4})\1+$/su.test(password) || new Set(password).size < 4;
}

/** The password with trailing digits and symbols removed ("Welcome2026!" → "welcome"). */
function stem(lower: string): string {
  return lower.replace(/[^\p{L}]+$/u, '');
}

export interface PasswordProblem {
  zh: string;
  en: string;
}

/** Why `password` may not be used by `username`, or null when it may. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return {
      zh: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`,
      en: `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    };
  }
  const lower = password.toLowerCase();
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) {
    return { zh: '密码不能包含用户名', en: 'the password must not contain the user name' };
  }
  if (isRepetition(password)) {
    return {
      zh: '密码不能由重复的字符组成（如 aaaaaaaaaa、1212121212）',
      en: 'the password must not be one character or piece repeated (like aaaaaaaaaa, 1212121212)',
    };
  }
  if (isRun(lower)) {
    return {
      zh: '密码不能是连续的数字、字母或键盘序列（如 1234567890、qwertyuiop）',
      en: 'the password must not be a run of digits, letters or keys (like 1234567890, qwertyuiop)',
    };
  }
  const base = stem(lower);
  if (commonPasswords().has(lower) || (base.length >= 4 && commonPasswords().has(base))) {
    return {
      zh: '这是常见密码（或常见密码加数字），很容易被猜中',
      en: 'this is a common password (or a common one with digits added) and easily guessed',
    };
  }
  return null;
}
