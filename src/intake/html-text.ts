// Mail bodies and mammoth's docx output are HTML. The analysis needs paragraphs kept apart and table
// rows kept whole (one order line per row), so HTML is reduced to paragraph and table blocks.

export type HtmlBlock =
  | { type: 'paragraph'; text: string; quoted?: boolean }
  | { type: 'table'; rows: string[][]; quoted?: boolean };

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'hr',
  'section',
  'article',
  'header',
  'footer',
  'address',
  'dd',
  'dt',
  'dl',
]);

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  times: '×',
  yen: '¥',
  deg: '°',
  plusmn: '±',
  copy: '©',
  reg: '®',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

const clean = (s: string) => s.replace(/[ \t\f\v\u00a0\r\n]+/g, ' ').trim();

export function htmlToBlocks(html: string): HtmlBlock[] {
  const src = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title|xml)\b[\s\S]*?<\/\1\s*>/gi, '');
  const blocks: HtmlBlock[] = [];
  let para = '';
  // Mail clients wrap the message being replied to in <blockquote>.
  let quoteDepth = 0;
  const quoted = () => (quoteDepth > 0 ? { quoted: true } : {});
  // Stack of open tables; nested tables are flattened into their outer cell.
  const tables: { rows: string[][]; cell: string | undefined }[] = [];
  const flushPara = () => {
    const t = clean(para);
    if (t) blocks.push({ type: 'paragraph', text: t, ...quoted() });
    para = '';
  };
  const append = (text: string) => {
    const top = tables[tables.length - 1];
    if (top) {
      if (top.cell !== undefined) top.cell += text;
    } else para += text;
  };
  const closeCell = () => {
    const top = tables[tables.length - 1];
    if (top && top.cell !== undefined) {
      if (top.rows.length === 0) top.rows.push([]);
      top.rows[top.rows.length - 1]!.push(clean(top.cell));
      top.cell = undefined;
    }
  };
  const re = /<\/?([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>|([^<]+)|(<)/g;
  for (const m of src.matchAll(re)) {
    if (m[2] !== undefined || m[3] !== undefined) {
      append(decodeEntities(m[2] ?? '<'));
      continue;
    }
    const closing = m[0][1] === '/';
    const tag = m[1]!.toLowerCase();
    if (tag === 'table') {
      if (!closing) {
        if (tables.length === 0) flushPara();
        else append(' ');
        tables.push({ rows: [], cell: undefined });
      } else if (tables.length > 0) {
        closeCell();
        const t = tables.pop()!;
        const rows = t.rows.filter((r) => r.some((c) => c !== ''));
        if (tables.length === 0) {
          if (rows.length > 0) blocks.push({ type: 'table', rows, ...quoted() });
        } else append(rows.map((r) => r.join(' ')).join(' / '));
      }
    } else if (tables.length > 0 && (tag === 'tr' || tag === 'td' || tag === 'th')) {
      const top = tables[tables.length - 1]!;
      if (tag === 'tr') {
        closeCell();
        if (!closing) top.rows.push([]);
      } else if (!closing) {
        closeCell();
        if (top.rows.length === 0) top.rows.push([]);
        top.cell = '';
      } else closeCell();
    } else if (BLOCK_TAGS.has(tag)) {
      if (tables.length > 0) append(' ');
      else if (tag === 'blockquote') {
        flushParaKeepingBreaks();
        quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
      } else if (tag === 'br') para += '\n';
      else flushParaKeepingBreaks();
    }
  }
  flushParaKeepingBreaks();
  while (tables.length > 0) {
    closeCell();
    const t = tables.pop()!;
    if (t.rows.length > 0 && tables.length === 0) blocks.push({ type: 'table', rows: t.rows });
  }
  return blocks;

  function flushParaKeepingBreaks() {
    // <br> inside a paragraph separates lines the writer meant as lines (address blocks, signatures).
    for (const line of para.split('\n')) {
      para = line;
      flushPara();
    }
    para = '';
  }
}

/** Plain rendering: paragraphs on their own lines, table rows as `cell | cell`. */
export function htmlToText(html: string): string {
  return htmlToBlocks(html)
    .map((b) => (b.type === 'paragraph' ? b.text : b.rows.map((r) => r.join(' | ')).join('\n')))
    .join('\n');
}
