// The time dimension's corpus: wordings with the values they must read to, one line each, grouped by
// the rule family that reads them (rules/*.ts). Run by corpus.test.ts beside it. A new wording is a rule
// record in its family's file plus a line here (docs/analysis.md, "Adding a time wording").
//
// BUSINESS lines go through findDates (business-dates.ts), the reading the delivery extractor uses, against
// REF_DAY unless a line gives its own `ref`; `dates` is every mention found, in order ([] = none).
// DUCKLING lines go through extractDuckling (duckling.ts) with Duckling's reference time; `found` is every
// time entity, its value as Duckling's wall-clock time in UTC−02:00 without the offset.
import type { DateKind } from '../types.js';

export type TimeFamily = 'absolute' | 'relative' | 'weekday' | 'holiday' | 'clock' | 'range' | 'english';

export interface BusinessLine {
  family: TimeFamily;
  text: string;
  /** Day received, YYYY-MM-DD; REF_DAY when absent. */
  ref?: string;
  dates: { text: string; date: string | null; kind: DateKind; endDate?: string }[];
}

export type DucklingTime = { body: string; grain: string; holiday?: string } & (
  | { value: string }
  | { from: string; to: string }
);

export interface DucklingLine {
  family: TimeFamily;
  text: string;
  locale?: string;
  found: DucklingTime[];
}

/** Tuesday. */
export const REF_DAY = '2026-02-24';
/** Duckling's reference time: Tuesday 2013-02-12 04:30 in UTC−02:00. */
export const DUCKLING_REF = '2013-02-12T04:30:00-02:00';

export const BUSINESS: readonly BusinessLine[] = [
  {
    family: 'absolute',
    text: '2026年3月20日前全部交齐',
    dates: [{ text: '2026年3月20日前', date: '2026-03-20', kind: 'deadline' }],
  },
  {
    family: 'absolute',
    text: '2026-03-20',
    dates: [{ text: '2026-03-20', date: '2026-03-20', kind: 'date' }],
  },
  {
    family: 'absolute',
    text: '2026/3/20交货',
    dates: [{ text: '2026/3/20', date: '2026-03-20', kind: 'date' }],
  },
  {
    family: 'absolute',
    text: '15.04.2026',
    dates: [{ text: '15.04.2026', date: '2026-04-15', kind: 'date' }],
  },
  {
    family: 'absolute',
    text: '12/15/2026',
    dates: [{ text: '12/15/2026', date: '2026-12-15', kind: 'date' }],
  },
  { family: 'absolute', text: '12/15', dates: [{ text: '12/15', date: '2026-12-15', kind: 'date' }] },
  {
    family: 'absolute',
    text: '3.20前到货',
    dates: [{ text: '3.20前', date: '2026-03-20', kind: 'deadline' }],
  },
  { family: 'absolute', text: '单价3.20元', dates: [] },
  {
    family: 'absolute',
    text: '二〇二六年三月二十日',
    dates: [{ text: '二〇二六年三月二十日', date: '2026-03-20', kind: 'date' }],
  },
  {
    family: 'absolute',
    text: '26年4月15日',
    dates: [{ text: '26年4月15日', date: '2026-04-15', kind: 'date' }],
  },
  { family: 'absolute', text: '11月20号', dates: [{ text: '11月20号', date: '2026-11-20', kind: 'date' }] },
  { family: 'absolute', text: '1月5号', dates: [{ text: '1月5号', date: '2027-01-05', kind: 'date' }] },
  { family: 'absolute', text: '3月份交货', dates: [{ text: '3月份', date: null, kind: 'month' }] },
  { family: 'absolute', text: '3月 5 日', dates: [{ text: '3月 5 日', date: '2026-03-05', kind: 'date' }] },
  { family: 'absolute', text: '5号交货', dates: [{ text: '5号', date: '2026-03-05', kind: 'date' }] },
  { family: 'absolute', text: '3月上旬', dates: [{ text: '3月上旬', date: null, kind: 'vague' }] },
  { family: 'absolute', text: '3月下旬', dates: [{ text: '3月下旬', date: null, kind: 'vague' }] },
  { family: 'absolute', text: '3月底前', dates: [{ text: '3月底前', date: '2026-03-31', kind: 'deadline' }] },
  {
    family: 'absolute',
    text: '月底前交齐',
    dates: [{ text: '月底前', date: '2026-02-28', kind: 'deadline' }],
  },
  { family: 'absolute', text: '年底', dates: [{ text: '年底', date: '2026-12-31', kind: 'date' }] },
  { family: 'absolute', text: '下月初', dates: [{ text: '下月初', date: null, kind: 'vague' }] },
  {
    family: 'absolute',
    text: '下个月10号交货',
    dates: [{ text: '下个月10号', date: '2026-03-10', kind: 'date' }],
  },
  { family: 'absolute', text: '送货地址：恒驰工业园3号仓库，浦瑞路88号', dates: [] },
  {
    family: 'absolute',
    text: '3月的第二个星期一',
    dates: [{ text: '3月的第二个星期一', date: '2026-03-09', kind: 'date' }],
  },
  {
    family: 'absolute',
    text: '贵司于2026年2月10日发来的询价',
    dates: [{ text: '2026年2月10日', date: '2026-02-10', kind: 'date' }],
  },
  {
    family: 'absolute',
    text: '於 3 月 6 日前回覆',
    dates: [{ text: '3 月 6 日前', date: '2026-03-06', kind: 'deadline' }],
  },
  { family: 'relative', text: '明天', dates: [{ text: '明天', date: '2026-02-25', kind: 'date' }] },
  { family: 'relative', text: '后天', dates: [{ text: '后天', date: '2026-02-26', kind: 'date' }] },
  { family: 'relative', text: '大后天', dates: [{ text: '大后天', date: '2026-02-27', kind: 'date' }] },
  { family: 'relative', text: '昨天', dates: [{ text: '昨天', date: '2026-02-23', kind: 'date' }] },
  { family: 'relative', text: '今晚', dates: [{ text: '今晚', date: '2026-02-24', kind: 'date' }] },
  {
    family: 'relative',
    text: '30天内交货',
    dates: [{ text: '30天内', date: '2026-03-26', kind: 'deadline' }],
  },
  {
    family: 'relative',
    text: '自合同签订之日起30日内完成',
    dates: [{ text: '自合同签订之日起30日内', date: '2026-03-26', kind: 'deadline' }],
  },
  {
    family: 'relative',
    text: '请于3日内回传确认',
    dates: [{ text: '请于3日内', date: '2026-02-27', kind: 'deadline' }],
  },
  {
    family: 'relative',
    text: '一个月内',
    dates: [{ text: '一个月内', date: '2026-03-24', kind: 'deadline' }],
  },
  {
    family: 'relative',
    text: '5个工作日内',
    dates: [{ text: '5个工作日内', date: '2026-03-03', kind: 'deadline' }],
  },
  { family: 'relative', text: '两周后', dates: [{ text: '两周后', date: '2026-03-10', kind: 'date' }] },
  {
    family: 'relative',
    text: '收到预付款后45天发货',
    dates: [{ text: '收到预付款后45天', date: null, kind: 'vague' }],
  },
  { family: 'relative', text: '最近三天的发货记录', dates: [] },
  { family: 'relative', text: '明年', dates: [{ text: '明年', date: null, kind: 'vague' }] },
  { family: 'relative', text: '现在', dates: [] },
  {
    family: 'weekday',
    text: '下周五前发货',
    dates: [{ text: '下周五前', date: '2026-03-06', kind: 'deadline' }],
  },
  { family: 'weekday', text: '这周三能到吗', dates: [{ text: '这周三', date: '2026-02-25', kind: 'date' }] },
  { family: 'weekday', text: '本周五', dates: [{ text: '本周五', date: '2026-02-27', kind: 'date' }] },
  { family: 'weekday', text: '周三', dates: [{ text: '周三', date: '2026-02-25', kind: 'date' }] },
  { family: 'weekday', text: '上周一', dates: [{ text: '上周一', date: '2026-02-16', kind: 'date' }] },
  { family: 'weekday', text: '下下周三', dates: [{ text: '下下周三', date: '2026-03-11', kind: 'date' }] },
  {
    family: 'weekday',
    text: '这周末能送到吗',
    dates: [{ text: '这周末', date: '2026-02-28', kind: 'range', endDate: '2026-03-01' }],
  },
  { family: 'weekday', text: '下周', dates: [{ text: '下周', date: null, kind: 'vague' }] },
  { family: 'holiday', text: '春节前', dates: [{ text: '春节前', date: null, kind: 'vague' }] },
  { family: 'holiday', text: '国庆节后', dates: [{ text: '国庆节', date: null, kind: 'vague' }] },
  { family: 'holiday', text: '十八块五一支', dates: [] },
  { family: 'clock', text: '[凯途-采购 周婷] 10:12\n便宜一点吧', dates: [] },
  {
    family: 'clock',
    text: '明天下午3点',
    dates: [{ text: '明天下午3点', date: '2026-02-25', kind: 'date' }],
  },
  { family: 'clock', text: '下午', dates: [] },
  {
    family: 'range',
    text: '3月1日至3月5日分批到货',
    dates: [{ text: '3月1日至3月5日', date: '2026-03-01', kind: 'range', endDate: '2026-03-05' }],
  },
  {
    family: 'range',
    text: '下周一至周三安装',
    dates: [{ text: '下周一至周三', date: '2026-03-02', kind: 'range', endDate: '2026-03-04' }],
  },
  {
    family: 'range',
    text: '从3月1日到3月5日',
    dates: [{ text: '从3月1日到3月5日', date: '2026-03-01', kind: 'range', endDate: '2026-03-05' }],
  },
  {
    family: 'range',
    text: '截止到3月20日',
    dates: [{ text: '截止到3月20日', date: '2026-03-20', kind: 'deadline' }],
  },
  {
    family: 'english',
    text: 'We need delivery by end of March.',
    ref: '2026-02-10',
    dates: [{ text: 'by end of March', date: '2026-03-31', kind: 'deadline' }],
  },
  {
    family: 'english',
    text: 'Please ship before April 15, 2026.',
    dates: [{ text: 'before April 15, 2026', date: '2026-04-15', kind: 'deadline' }],
  },
  { family: 'english', text: 'May we ask for a discount?', dates: [] },
  {
    family: 'english',
    text: '31st March 2026',
    dates: [{ text: '31st March 2026', date: '2026-03-31', kind: 'date' }],
  },
];

export const DUCKLING: readonly DucklingLine[] = [
  {
    family: 'absolute',
    text: '2013年3月20日',
    found: [{ body: '2013年3月20日', value: '2013-03-20T00:00:00', grain: 'day' }],
  },
  {
    family: 'absolute',
    text: '3月20日',
    found: [{ body: '3月20日', value: '2013-03-20T00:00:00', grain: 'day' }],
  },
  { family: 'absolute', text: '3月', found: [{ body: '3月', value: '2013-03-01T00:00:00', grain: 'month' }] },
  {
    family: 'absolute',
    text: '二〇一四年',
    found: [{ body: '二〇一四年', value: '2014-01-01T00:00:00', grain: 'year' }],
  },
  {
    family: 'absolute',
    text: '2013-03-20',
    found: [{ body: '2013-03-20', value: '2013-03-20T00:00:00', grain: 'day' }],
  },
  { family: 'absolute', text: '3/20', found: [{ body: '3/20', value: '2013-03-20T00:00:00', grain: 'day' }] },
  {
    family: 'absolute',
    text: '3月上旬',
    found: [{ body: '3月上旬', from: '2013-03-01T00:00:00', to: '2013-03-11T00:00:00', grain: 'day' }],
  },
  {
    family: 'absolute',
    text: '月底',
    found: [{ body: '月底', from: '2013-02-21T00:00:00', to: '2013-03-01T00:00:00', grain: 'day' }],
  },
  {
    family: 'absolute',
    text: '3月的第二个星期一',
    found: [{ body: '3月的第二个星期一', value: '2013-03-11T00:00:00', grain: 'day' }],
  },
  { family: 'relative', text: '明天', found: [{ body: '明天', value: '2013-02-13T00:00:00', grain: 'day' }] },
  {
    family: 'relative',
    text: '大前天',
    found: [{ body: '大前天', value: '2013-02-09T00:00:00', grain: 'day' }],
  },
  {
    family: 'relative',
    text: '今晚',
    found: [{ body: '今晚', from: '2013-02-12T18:00:00', to: '2013-02-13T00:00:00', grain: 'hour' }],
  },
  {
    family: 'relative',
    text: '现在',
    found: [{ body: '现在', value: '2013-02-12T04:30:00', grain: 'second' }],
  },
  {
    family: 'relative',
    text: '三天后',
    found: [{ body: '三天后', from: '2013-02-13T00:00:00', to: '2013-02-16T00:00:00', grain: 'day' }],
  },
  {
    family: 'relative',
    text: '上两天',
    found: [{ body: '上两天', from: '2013-02-10T00:00:00', to: '2013-02-12T00:00:00', grain: 'day' }],
  },
  { family: 'relative', text: '未来三天', found: [] },
  {
    family: 'relative',
    text: '两个月前',
    found: [{ body: '两个月前', from: '2012-12-01T00:00:00', to: '2013-02-01T00:00:00', grain: 'month' }],
  },
  {
    family: 'relative',
    text: '下个月',
    found: [{ body: '下个月', value: '2013-03-01T00:00:00', grain: 'month' }],
  },
  {
    family: 'relative',
    text: '去年',
    found: [{ body: '去年', value: '2012-01-01T00:00:00', grain: 'year' }],
  },
  {
    family: 'weekday',
    text: '下周三',
    found: [{ body: '下周三', value: '2013-02-13T00:00:00', grain: 'day' }],
  },
  {
    family: 'weekday',
    text: '星期二',
    found: [{ body: '星期二', value: '2013-02-19T00:00:00', grain: 'day' }],
  },
  {
    family: 'weekday',
    text: '这周一',
    found: [{ body: '这周一', value: '2013-02-18T00:00:00', grain: 'day' }],
  },
  {
    family: 'weekday',
    text: '上周五',
    found: [{ body: '上周五', value: '2013-02-08T00:00:00', grain: 'day' }],
  },
  {
    family: 'weekday',
    text: '下下周一',
    found: [{ body: '下下周一', value: '2013-02-25T00:00:00', grain: 'day' }],
  },
  { family: 'weekday', text: '这周', found: [{ body: '这周', value: '2013-02-11T00:00:00', grain: 'week' }] },
  {
    family: 'weekday',
    text: '这周末',
    found: [{ body: '这周末', from: '2013-02-15T18:00:00', to: '2013-02-18T00:00:00', grain: 'hour' }],
  },
  {
    family: 'weekday',
    text: '星期日，二月十号',
    found: [{ body: '星期日，二月十号', value: '2013-02-10T00:00:00', grain: 'day' }],
  },
  {
    family: 'holiday',
    text: '中秋节',
    found: [{ body: '中秋节', value: '2013-09-19T00:00:00', grain: 'day', holiday: '中秋节' }],
  },
  {
    family: 'holiday',
    text: '2020年春节',
    found: [{ body: '2020年春节', value: '2020-01-25T00:00:00', grain: 'day', holiday: '春节' }],
  },
  {
    family: 'holiday',
    text: '2019年复活节',
    found: [{ body: '2019年复活节', value: '2019-04-21T00:00:00', grain: 'day', holiday: '复活节' }],
  },
  {
    family: 'holiday',
    text: '國慶',
    found: [{ body: '國慶', value: '2013-10-01T00:00:00', grain: 'day', holiday: '国庆节' }],
  },
  {
    family: 'holiday',
    text: '國慶',
    locale: 'zh_TW',
    found: [{ body: '國慶', value: '2013-10-10T00:00:00', grain: 'day', holiday: '国庆节' }],
  },
  {
    family: 'holiday',
    text: '國慶',
    locale: 'zh_CN',
    found: [{ body: '國慶', value: '2013-10-01T00:00:00', grain: 'day', holiday: '国庆节' }],
  },
  {
    family: 'holiday',
    text: '元旦',
    found: [{ body: '元旦', value: '2014-01-01T00:00:00', grain: 'day', holiday: '元旦' }],
  },
  { family: 'clock', text: '三点', found: [{ body: '三点', value: '2013-02-12T15:00:00', grain: 'hour' }] },
  {
    family: 'clock',
    text: '晚上十二点',
    found: [{ body: '晚上十二点', value: '2013-02-13T00:00:00', grain: 'hour' }],
  },
  {
    family: 'clock',
    text: '下午三点半',
    found: [{ body: '下午三点半', value: '2013-02-12T15:30:00', grain: 'minute' }],
  },
  {
    family: 'clock',
    text: '十点一刻',
    found: [{ body: '十点一刻', value: '2013-02-12T10:15:00', grain: 'minute' }],
  },
  {
    family: 'clock',
    text: '15:30',
    found: [{ body: '15:30', value: '2013-02-12T15:30:00', grain: 'minute' }],
  },
  { family: 'clock', text: '3pm', found: [{ body: '3pm', value: '2013-02-12T15:00:00', grain: 'hour' }] },
  {
    family: 'clock',
    text: '4pm CET',
    found: [{ body: '4pm CET', value: '2013-02-12T13:00:00', grain: 'minute' }],
  },
  {
    family: 'clock',
    text: '晏昼三点三个字',
    found: [{ body: '晏昼三点三个字', value: '2013-02-12T15:15:00', grain: 'minute' }],
  },
  {
    family: 'clock',
    text: '明天下午3点',
    found: [{ body: '明天下午3点', value: '2013-02-13T15:00:00', grain: 'hour' }],
  },
  {
    family: 'clock',
    text: '下午',
    found: [{ body: '下午', from: '2013-02-12T12:00:00', to: '2013-02-12T19:00:00', grain: 'hour' }],
  },
  {
    family: 'range',
    text: '3月1日至3月5日',
    found: [{ body: '3月1日至3月5日', from: '2013-03-01T00:00:00', to: '2013-03-06T00:00:00', grain: 'day' }],
  },
  {
    family: 'range',
    text: '下午3点到5点',
    found: [{ body: '下午3点到5点', from: '2013-02-12T15:00:00', to: '2013-02-12T18:00:00', grain: 'hour' }],
  },
  {
    family: 'range',
    text: '截止到3月20日',
    found: [{ body: '3月20日', value: '2013-03-20T00:00:00', grain: 'day' }],
  },
  {
    family: 'range',
    text: '3月20日前',
    found: [{ body: '3月20日', value: '2013-03-20T00:00:00', grain: 'day' }],
  },
];
