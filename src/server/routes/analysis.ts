// Text analysis over HTTP: the Shixu analysis (signed-in users) and a Duckling-compatible
// /parse endpoint (public, form-encoded like Duckling) so existing Duckling clients can switch.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { extractOne } from '../../analysis/entities/extract-jsonl.js';
import { analysisResultSchema } from '../../analysis/result.js';
import { analyzeAndClassify } from '../../rules/store-classification.js';
import { CONTROL_MESSAGE, day, hasControlCharacter, text } from '../../shared/values.js';
import type { RouteModule } from '../context.js';
import { problemResponses } from '../problem.js';

/** A message, not a book: longer documents go through intake, which runs on the background queue. */
export const ANALYZE_MAX_CHARS = 100_000;

const analyzeBody = z.object({
  text: z
    .string()
    .min(1)
    .max(
      ANALYZE_MAX_CHARS,
      `text 最多 ${ANALYZE_MAX_CHARS} 个字符，更长的文件请用录入 / text: at most ${ANALYZE_MAX_CHARS} characters; use intake for longer documents`,
    )
    .refine((s) => !hasControlCharacter(s), CONTROL_MESSAGE),
  refDate: day.optional().describe('收到日期 / day received (YYYY-MM-DD, Asia/Shanghai)'),
  channel: text(40).optional(),
  customerName: text(200).optional().describe('已知客户名称 / customer, when already known'),
});

/**
 * Duckling callers send a sentence or a paragraph. /parse is public, and extraction runs on the
 * event loop, so one request may not hold the server for long: ~10,000 characters take ~80 ms.
 */
export const PARSE_MAX_CHARS = 10_000;
const PARSE_BODY_LIMIT = 64 * 1024;
/** Requests per minute from one address to the public /parse. */
export const PARSE_RATE_PER_MINUTE = 120;

const parseBody = z.object({
  text: z
    .string()
    .max(PARSE_MAX_CHARS, `text 最多 ${PARSE_MAX_CHARS} 个字符 / text: at most ${PARSE_MAX_CHARS} characters`)
    .refine((s) => !hasControlCharacter(s), CONTROL_MESSAGE),
  locale: text(20).optional(),
  reftime: text(40).optional().describe('epoch milliseconds or ISO 8601'),
  tz: text(64).optional(),
  dims: text(1000).optional().describe('JSON array of dims, e.g. ["time","number"]'),
});

// Shixu's users and customers are in China; Duckling's own server defaults to a US zone.
const DEFAULT_ZONE = 'Asia/Shanghai';

/** UTC offset in minutes of an IANA zone at an instant, or null for an unknown zone. */
function zoneOffsetMinutes(zone: string, at: Date): number | null {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
    if (!m) return name === 'GMT' ? 0 : null;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  } catch {
    return null;
  }
}

/** Reference time as ISO 8601 with the offset of `tz` (Duckling sends epoch ms plus a zone name). */
export function referenceTime(
  reftime: string | undefined,
  tz: string | undefined,
  now = new Date(),
): string | undefined {
  if (reftime && !/^\d+$/.test(reftime)) return reftime;
  const at = reftime ? new Date(Number(reftime)) : now;
  const offset = zoneOffsetMinutes(tz ?? DEFAULT_ZONE, at) ?? zoneOffsetMinutes(DEFAULT_ZONE, at) ?? 0;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return new Date(at.getTime() + offset * 60_000).toISOString().replace('Z', `${sign}${hhmm}`);
}

function parseDims(raw: string | undefined): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw.split(',').map((d) => d.trim());
  }
}

export const analysisRoutes: RouteModule = async (app, ctx) => {
  app.post(
    '/api/analyze',
    {
      schema: {
        tags: ['analysis'],
        summary: '分析客户消息 / Analyse a customer message',
        body: analyzeBody,
        response: { 200: analysisResultSchema, ...problemResponses(400, 401, 413) },
      },
    },
    async (request) => {
      const { text, refDate, channel, customerName } = request.body;
      // The database's catalogue, customers, CSR file and current rules decide `contract`.
      const result = await analyzeAndClassify(ctx.store, {
        text,
        ...(refDate ? { refDate } : {}),
        ...(channel ? { channel } : {}),
        ...(customerName ? { customerName } : {}),
      });
      // A failed phase is in the answer (`failures`) and in the log with this request's id.
      if (result.failures) request.log.warn({ failures: result.failures }, 'analysis phase failed');
      return result;
    },
  );

  // Form bodies are accepted by /parse only (its own plugin scope): elsewhere the API takes JSON,
  // which a cross-site HTML form cannot send.
  await app.register(async (scope) => {
    const duckling = scope.withTypeProvider<ZodTypeProvider>();
    duckling.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    duckling.post(
      '/parse',
      {
        bodyLimit: PARSE_BODY_LIMIT,
        config: { rateLimit: { max: PARSE_RATE_PER_MINUTE, timeWindow: '1 minute' } },
        schema: {
          tags: ['analysis'],
          summary: 'Duckling 兼容实体抽取 / Duckling-compatible entity extraction',
          security: [],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: parseBody,
        },
      },
      async (request) => {
        const { text, locale, reftime, tz, dims } = request.body;
        const out = extractOne({ text, locale, reftime: referenceTime(reftime, tz), dims: parseDims(dims) });
        return out.entities;
      },
    );
  });
};
