// Slows down password guessing: after MAX_FAILURES failed sign-ins for one username from one
// address within the window, further attempts are refused until the window has passed. Kept in
// memory: it resets on restart, which is acceptable for a single-instance on-premises server.
export interface ThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; firstAt: number }>();
  readonly maxFailures: number;
  readonly windowMs: number;

  constructor(opts: ThrottleOptions = {}) {
    this.maxFailures = opts.maxFailures ?? 5;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
  }

  private key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}\u0000${ip}`;
  }

  /** Seconds until the next attempt is allowed, or 0 when allowed now. */
  retryAfterSeconds(username: string, ip: string, now: number): number {
    const entry = this.failures.get(this.key(username, ip));
    if (!entry) return 0;
    const elapsed = now - entry.firstAt;
    if (elapsed >= this.windowMs) {
      this.failures.delete(this.key(username, ip));
      return 0;
    }
    return entry.count >= this.maxFailures ? Math.ceil((this.windowMs - elapsed) / 1000) : 0;
  }

  recordFailure(username: string, ip: string, now: number): void {
    const key = this.key(username, ip);
    const entry = this.failures.get(key);
    if (!entry || now - entry.firstAt >= this.windowMs) this.failures.set(key, { count: 1, firstAt: now });
    else entry.count += 1;
    if (this.failures.size > 10_000) this.sweep(now);
  }

  recordSuccess(username: string, ip: string): void {
    this.failures.delete(this.key(username, ip));
  }

  private sweep(now: number): void {
    for (const [k, v] of this.failures) if (now - v.firstAt >= this.windowMs) this.failures.delete(k);
  }
}
