// The one place where SQLite and PostgreSQL differ. Everything else is one code path:
// ids are text (UUIDs), instants are ISO-8601 UTC text, money and exact quantities are decimals
// (NUMERIC in PostgreSQL, TEXT in SQLite — both come back as strings, never binary floats),
// flags are integers 0/1, structured payloads are JSON text.
export type DialectName = 'sqlite' | 'postgres';

export interface DialectCapabilities {
  name: DialectName;
  /** Column type for exact decimals (money, quantities). */
  decimalType: 'text' | 'numeric';
  /** Case-insensitive LIKE operator. */
  ilike: 'like' | 'ilike';
}

export function capabilitiesOf(name: DialectName): DialectCapabilities {
  return name === 'postgres'
    ? { name, decimalType: 'numeric', ilike: 'ilike' }
    : { name, decimalType: 'text', ilike: 'like' };
}
