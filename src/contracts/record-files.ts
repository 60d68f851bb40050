// The contract review record (合同评审表) as files an auditor can keep: an XLSX workbook and a
// printable PDF. The PDF embeds a CJK font from the system (Debian fonts-noto-cjk) so Chinese
// renders; without one it says so in the document rather than printing empty boxes silently.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { buildReviewRecord, type ReviewRecord } from '../review/review-record.js';
import type { ReviewConfig } from '../review/types.js';
import type { ReviewState } from '../review/workflow.js';

export interface RecordHeader {
  number: string;
  customer: string;
}

const OUTCOME = {
  can_meet: '能满足 can meet',
  can_meet_with_conditions: '有条件满足 with conditions',
  cannot_meet: '不能满足 cannot meet',
} as Record<string, string>;
const CONCLUSION = {
  accept: '接受 accept',
  accept_with_deviations: '偏离接受 accept with deviations',
  decline: '拒绝 decline',
} as Record<string, string>;

/** The rows of the record, section by section; both renderers print exactly these. */
export function recordSections(header: RecordHeader, r: ReviewRecord): { title: string; rows: string[][] }[] {
  return [
    {
      title: '合同信息 Contract',
      rows: [
        ['合同号 Number', header.number],
        ['客户 Customer', header.customer],
        ['类别 Class', r.contractClass],
        ['评审方式 Mode', r.mode],
        ['阶段 Stage', r.stage],
        ['合同版本 Version', String(r.contractVersion)],
        ['收到时间 Received', r.receivedAt],
      ],
    },
    {
      title: '需求 Requirements',
      rows: [
        ['编号 Id', '需求 Requirement', '类别 Category', '类型 Kind', '特殊 Special', '状态 Status'],
        ...r.requirements.map((q) => [q.id, q.text, q.category, q.kind, q.special ? '是' : '否', q.status]),
      ],
    },
    {
      title: '部门评审 Department reviews',
      rows: [
        [
          '部门 Department',
          '结论 Outcome',
          '条件/原因 Conditions/reason',
          '签署人 Signed by',
          '签署时间 Signed at',
        ],
        ...r.departments.map((d) => [
          `${d.label.zh} ${d.label.en}`,
          d.outcome ? (OUTCOME[d.outcome] ?? d.outcome) : '待签 pending',
          d.conditions ?? d.reason ?? '',
          d.signedBy ? `${d.signedBy}${d.deputyFor ? `（代 ${d.deputyFor}）` : ''}` : '',
          d.signedAt ?? '',
        ]),
      ],
    },
    {
      title: '评审会议 Review meeting',
      rows: r.meeting
        ? [
            ['时间 Held at', r.meeting.heldAt],
            [
              '状态 Status',
              r.meeting.status === 'proposed' ? '待参加人确认 awaiting confirmation' : '已生效 held',
            ],
            [
              '参加 Participants',
              r.meeting.participants
                .map(
                  (p) =>
                    `${p.userId}(${p.department})${p.confirmedAt ? ` 本人确认 confirmed ${p.confirmedAt}` : p.confirmedAt === null ? ' 未确认 not confirmed' : ''}`,
                )
                .join('、'),
            ],
            ['纪要 Minutes', r.meeting.minutes],
            ...r.meeting.decisions.map((x) => [
              `决定 ${x.requirementId}`,
              `${OUTCOME[x.outcome] ?? x.outcome} ${x.note}`,
            ]),
          ]
        : [['—', '无 none']],
    },
    {
      title: '协商与总经理决定 Negotiation and GM decision',
      rows: r.issues.length
        ? r.issues.flatMap((i) => [
            [`问题 ${i.id}`, `${i.department}: ${i.reason}`, i.status],
            ...i.negotiations.map((n) => [
              `协商 ${i.id}`,
              `${n.contact.name}/${n.contact.channel}: ${n.summary}`,
              n.outcome,
            ]),
            ...(i.gmDecision
              ? [
                  [
                    `总经理 ${i.id}`,
                    `${i.gmDecision.decision}: ${i.gmDecision.rationale}`,
                    `${i.gmDecision.by} ${i.gmDecision.at}`,
                  ],
                ]
              : []),
          ])
        : [['—', '无 none']],
    },
    {
      title: '评审结论 Conclusion',
      rows: r.conclusion
        ? [
            ['结论 Decision', CONCLUSION[r.conclusion.decision] ?? r.conclusion.decision],
            ['偏离 Deviations', r.conclusion.deviations ?? ''],
            ['签署人 Signed by', `${r.conclusion.signature.userId} (${r.conclusion.signature.authority})`],
            ['签署时间 Signed at', r.conclusion.signature.at],
          ]
        : [['结论 Decision', '未签署 not signed']],
    },
    ...(r.writtenConfirmation
      ? [
          {
            title: '书面确认 Written confirmation',
            rows: [[r.writtenConfirmation.zh], [r.writtenConfirmation.en]],
          },
        ]
      : []),
    {
      title: '客户反馈 Customer feedback (48 h)',
      rows: [
        ['期限 Due', r.feedbackDeadline.dueAt ?? ''],
        ['反馈时间 Sent', r.feedbackDeadline.sentAt ?? ''],
        ['计时小时 Counted hours', String(r.feedbackDeadline.countedHours)],
        [
          '按时 Within limit',
          r.feedbackDeadline.compliant === null
            ? '进行中 open'
            : r.feedbackDeadline.compliant
              ? '是 yes'
              : '否 no',
        ],
        [
          '客户确认 Customer confirmation',
          r.customerConfirmation ? `${r.customerConfirmation.reference} ${r.customerConfirmation.at}` : '',
        ],
      ],
    },
    {
      title: '变更历史 Change history',
      rows: [
        ['版本 Version', '时间 At', '人 By', '变更 Amendment', '原因 Reason'],
        ...r.versions.map((v) => [
          String(v.version),
          v.at,
          v.by,
          v.amendment ?? '原始 original',
          v.reason ?? '',
        ]),
        ...r.history.map((h) => [`#${h.revision}`, h.at, h.by ?? 'system', h.event, h.summary.zh]),
      ],
    },
  ];
}

export async function reviewRecordXlsx(
  header: RecordHeader,
  state: ReviewState,
  now: Date,
  config: ReviewConfig,
): Promise<Buffer> {
  const record = buildReviewRecord(state, now, config);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shixu 识需';
  const ws = wb.addWorksheet('合同评审表');
  ws.addRow([`合同评审表 Contract review record ${header.number}`]).font = { bold: true, size: 14 };
  for (const section of recordSections(header, record)) {
    ws.addRow([]);
    ws.addRow([section.title]).font = { bold: true };
    for (const row of section.rows) ws.addRow(row);
  }
  ws.columns.forEach((c) => {
    c.width = 28;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CJK_FONT_CANDIDATES = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

/** The CJK font the PDF embeds, or null when the machine has none (override with SHIXU_CJK_FONT). */
export function findCjkFont(): { path: string; family?: string } | null {
  const env = process.env.SHIXU_CJK_FONT;
  if (env && fs.existsSync(env)) return { path: env };
  return CJK_FONT_CANDIDATES.find((c) => fs.existsSync(c.path)) ?? null;
}

export async function reviewRecordPdf(
  header: RecordHeader,
  state: ReviewState,
  now: Date,
  config: ReviewConfig,
): Promise<Buffer> {
  const record = buildReviewRecord(state, now, config);
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `合同评审表 ${header.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const font = findCjkFont();
  if (font) {
    doc.registerFont('cjk', font.path, font.family);
    doc.font('cjk');
  }
  doc.fontSize(16).text(`合同评审表 Contract review record  ${header.number}`);
  if (!font)
    doc.fontSize(9).text('No CJK font installed: Chinese text cannot be rendered (install fonts-noto-cjk).');
  for (const section of recordSections(header, record)) {
    doc.moveDown(0.6).fontSize(12).text(section.title);
    doc.fontSize(9);
    for (const row of section.rows) doc.text(row.filter((c) => c !== '').join('  |  '));
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
