// A filter control with a visible label above it, as on every list page: screen readers and
// axe need the label tied to the control's id.
import type { ReactNode } from 'react';

export function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {children}
    </div>
  );
}
