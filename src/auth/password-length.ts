// The shortest password the policy accepts (password-policy.ts). Apart, with no imports, so the web
// app's forms (bundled by Vite as it is) check the same length before anything is sent.
export const MIN_PASSWORD_LENGTH = 10;
