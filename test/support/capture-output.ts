// In-process CLI tests read what a command printed: stdout and stderr are captured per test.
import { afterEach, beforeEach, vi } from 'vitest';

// Tests may clear `out` or `err` between two commands of one test.
export function captureOutput(): { out: string; err: string } {
  const io = { out: '', err: '' };
  beforeEach(() => {
    io.out = '';
    io.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      io.out += String(s);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      io.err += String(s);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return io;
}
