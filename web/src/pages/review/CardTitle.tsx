// Card titles are real headings so screen-reader users can jump between the parts of the case.
import type { ReactNode } from 'react';

export function CardTitle({ children }: { children: ReactNode }) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{children}</h2>;
}
