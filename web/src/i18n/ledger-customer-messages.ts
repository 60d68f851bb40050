// Texts of the ledger and customer pages, Chinese first and English; spread into messages.ts like
// the customer-side pages' texts.

export const LEDGER_CUSTOMER_ZH = {
  'ledger.filterCustomer': '客户名称',
  'ledger.filterStatus': '评审状态',
  'ledger.filterFrom': '收到日期起',
  'ledger.filterTo': '收到日期止',
  'ledger.filterCompliance': '48 小时反馈',
  'ledger.all': '全部',
  'ledger.export': '导出 XLSX',
  'ledger.clearFilters': '清除筛选',
  'customers.profile': '基本信息',
  'customers.history': '消息记录',
  'customers.contracts': '合同',
  'customers.complaints': '投诉与反馈',
  'customers.sentimentTrend': '情感趋势（按月平均，-1 负面 … +1 正面）',
  'customers.sentimentScore': '情感得分',
  'customers.messages': '消息数',
  'customers.noHistory': '该客户暂无已分析的消息',
  'customers.receivedAt': '收到时间',
  'customers.channel': '渠道',
  'customers.excerpt': '内容摘要',
  'customers.intent': '意图',
  'customers.sentiment': '情感',
  'customers.csrMatrix': 'CSR 矩阵（按要求类别，有效/全部）',
  'customers.noCsr': '该客户没有登记 CSR',
} as const;

export const LEDGER_CUSTOMER_EN: Record<keyof typeof LEDGER_CUSTOMER_ZH, string> = {
  'ledger.filterCustomer': 'Customer name',
  'ledger.filterStatus': 'Review status',
  'ledger.filterFrom': 'Received from',
  'ledger.filterTo': 'Received to',
  'ledger.filterCompliance': '48-h feedback',
  'ledger.all': 'All',
  'ledger.export': 'Export XLSX',
  'ledger.clearFilters': 'Clear filters',
  'customers.profile': 'Profile',
  'customers.history': 'Messages',
  'customers.contracts': 'Contracts',
  'customers.complaints': 'Complaints and feedback',
  'customers.sentimentTrend': 'Sentiment trend (monthly mean, -1 negative … +1 positive)',
  'customers.sentimentScore': 'Sentiment score',
  'customers.messages': 'Messages',
  'customers.noHistory': 'No analysed messages from this customer yet',
  'customers.receivedAt': 'Received',
  'customers.channel': 'Channel',
  'customers.excerpt': 'Excerpt',
  'customers.intent': 'Intent',
  'customers.sentiment': 'Sentiment',
  'customers.csrMatrix': 'CSR matrix (by requirement category, in force/all)',
  'customers.noCsr': 'No CSR entries on file for this customer',
};

export const LEDGER_CUSTOMER_CODE_LABELS: Record<string, Record<string, [string, string]>> = {
  compliance: {
    met: ['按时反馈', 'Met'],
    missed: ['未按时反馈', 'Missed'],
    open: ['尚未反馈', 'Not yet sent'],
    overdue: ['已逾期未反馈', 'Overdue'],
  },
};
