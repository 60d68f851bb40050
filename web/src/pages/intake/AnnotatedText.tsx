// The customer's message with what the analysis found marked in place: entities as coloured,
// focusable marks (Enter or click shows the value), requirement sentences underlined (dashed;
// solid red when special). Offsets are UTF-16 indexes into the original text, as the server sends.
import { Tag } from 'antd';
import type { Entity, Requirement } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

const GROUP_COLOURS: [readonly string[], string][] = [
  [['date', 'time', 'duration'], '#fff1b8'],
  [['number', 'ordinal', 'quantity', 'money', 'percentage', 'volume', 'distance'], '#d9f7be'],
  [['tolerance', 'roughness', 'hardness', 'material', 'standard', 'certification', 'temperature'], '#ffd6e7'],
  [['product', 'model', 'drawing_number'], '#bae0ff'],
  [['company', 'person', 'phone', 'email', 'address'], '#efdbff'],
  [['payment_terms', 'incoterm', 'order_number'], '#ffe7ba'],
];

export function entityColour(type: string): string {
  return GROUP_COLOURS.find(([types]) => types.includes(type))?.[1] ?? '#f0f0f0';
}

/** Entities that do not overlap: earlier first, and the longer one when two start together. */
export function nonOverlapping(entities: Entity[]): { entity: Entity; index: number }[] {
  const sorted = entities
    .map((entity, index) => ({ entity, index }))
    .filter(({ entity }) => entity.end > entity.start)
    .sort((a, b) => a.entity.start - b.entity.start || b.entity.end - a.entity.end);
  const out: { entity: Entity; index: number }[] = [];
  let reached = 0;
  for (const e of sorted) {
    if (e.entity.start >= reached) {
      out.push(e);
      reached = e.entity.end;
    }
  }
  return out;
}

interface Segment {
  start: number;
  end: number;
  entity?: { entity: Entity; index: number };
  requirement?: number;
}

function segments(text: string, entities: Entity[], requirements: Requirement[]): Segment[] {
  const marks = nonOverlapping(entities);
  const cuts = new Set<number>([0, text.length]);
  for (const { entity } of marks) {
    cuts.add(Math.min(entity.start, text.length));
    cuts.add(Math.min(entity.end, text.length));
  }
  requirements.forEach((r) => {
    cuts.add(Math.min(r.span.start, text.length));
    cuts.add(Math.min(r.span.end, text.length));
  });
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const entity = marks.find((m) => m.entity.start <= start && m.entity.end >= end);
    // The innermost (shortest) requirement span wins when spans nest.
    let requirement: number | undefined;
    requirements.forEach((r, idx) => {
      if (r.span.start <= start && r.span.end >= end && r.span.end > r.span.start) {
        const cur = requirement === undefined ? undefined : requirements[requirement];
        if (!cur || r.span.end - r.span.start < cur.span.end - cur.span.start) requirement = idx;
      }
    });
    out.push({
      start,
      end,
      ...(entity ? { entity } : {}),
      ...(requirement !== undefined ? { requirement } : {}),
    });
  }
  return out;
}

export function AnnotatedText(props: {
  text: string;
  entities: Entity[];
  requirements: Requirement[];
  selectedEntity: number | null;
  onSelectEntity(index: number): void;
  onSelectRequirement(index: number): void;
}) {
  const { label, t } = useI18n();
  const { text, entities, requirements, selectedEntity, onSelectEntity, onSelectRequirement } = props;
  const parts = segments(text, entities, requirements);
  const types = [...new Set(nonOverlapping(entities).map((e) => e.entity.type))];

  return (
    <div>
      <div className="annotated-text" data-testid="annotated-text">
        {parts.map((seg) => {
          const piece = text.slice(seg.start, seg.end);
          const req = seg.requirement;
          const reqClass =
            req !== undefined ? `req${requirements[req]?.special ? ' special' : ''}` : undefined;
          const inner = seg.entity ? (
            <button
              type="button"
              className={`entity${selectedEntity === seg.entity.index ? ' selected' : ''}`}
              data-entity-type={seg.entity.entity.type}
              style={{ background: entityColour(seg.entity.entity.type) }}
              aria-label={`${piece}（${label('entity', seg.entity.entity.type)}）`}
              aria-pressed={selectedEntity === seg.entity.index}
              title={label('entity', seg.entity.entity.type)}
              onClick={(ev) => {
                ev.stopPropagation();
                onSelectEntity(seg.entity!.index);
              }}
            >
              {piece}
            </button>
          ) : (
            piece
          );
          if (req === undefined) return <span key={seg.start}>{inner}</span>;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut; the requirement list is the keyboard route
            // biome-ignore lint/a11y/useKeyWithClickEvents: as above
            <span
              key={seg.start}
              className={reqClass}
              data-requirement={req}
              onClick={() => onSelectRequirement(req)}
            >
              {inner}
            </span>
          );
        })}
      </div>
      {types.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <span style={{ marginRight: 8 }}>{t('intake.legend')}：</span>
          {types.map((type) => (
            <Tag key={type} color={entityColour(type)} style={{ color: '#1f1f1f' }}>
              {label('entity', type)}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}
