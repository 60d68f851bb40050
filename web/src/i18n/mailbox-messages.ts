// Texts of the sales-inbox (IMAP) status card on the intake page, Chinese first and English; spread
// into messages.ts like the other pages' texts.

export const MAILBOX_ZH = {
  'mailbox.title': '销售邮箱收取',
  'mailbox.state.notConfigured': '未配置',
  'mailbox.state.waiting': '尚未收取',
  'mailbox.state.ok': '正常收取',
  'mailbox.state.error': '收取出错',
  'mailbox.state.stale': '长时间未收取',
  'mailbox.notConfigured':
    '服务器没有配置销售邮箱，客户邮件不会自动收取。请管理员在识需服务器的环境中设置 SHIXU_IMAP_HOST、SHIXU_IMAP_USER 和 SHIXU_IMAP_PASSWORD（可选 SHIXU_IMAP_PORT、SHIXU_IMAP_SECURE、SHIXU_IMAP_MAILBOX、SHIXU_IMAP_POLL_SECONDS），然后重启服务；详见 README “销售邮箱收取”。',
  'mailbox.notConfiguredStaff':
    '服务器没有配置销售邮箱，客户邮件不会自动收取，请把收到的邮件在本页粘贴或上传。需要自动收取时请联系系统管理员。',
  'mailbox.address': '邮箱',
  'mailbox.every': '每 {n} 秒轮询一次',
  'mailbox.lastPoll': '上次轮询',
  'mailbox.lastSuccess': '上次成功',
  'mailbox.never': '从未',
  'mailbox.lastTaken': '上次收取',
  'mailbox.total': '累计收取',
  'mailbox.count': '{n} 封',
  'mailbox.lastError': '最近错误',
  'mailbox.errorAt': '发生于',
  'mailbox.justNow': '刚刚',
  'mailbox.stale': '已超过 {n} 分钟没有轮询记录，服务器的邮箱收取可能已停止，请检查识需服务是否在运行。',
} as const;

export const MAILBOX_EN: Record<keyof typeof MAILBOX_ZH, string> = {
  'mailbox.title': 'Sales inbox (IMAP)',
  'mailbox.state.notConfigured': 'Not configured',
  'mailbox.state.waiting': 'Not polled yet',
  'mailbox.state.ok': 'Collecting',
  'mailbox.state.error': 'Failing',
  'mailbox.state.stale': 'Overdue',
  'mailbox.notConfigured':
    'No sales mailbox is configured on the server, so customer mail is not collected. The administrator sets SHIXU_IMAP_HOST, SHIXU_IMAP_USER and SHIXU_IMAP_PASSWORD (optionally SHIXU_IMAP_PORT, SHIXU_IMAP_SECURE, SHIXU_IMAP_MAILBOX, SHIXU_IMAP_POLL_SECONDS) in the Shixu server’s environment and restarts it; see “Sales inbox over IMAP” in the README.',
  'mailbox.notConfiguredStaff':
    'No sales mailbox is configured on the server, so customer mail is not collected: paste or upload it on this page. Ask the administrator to set up automatic collection.',
  'mailbox.address': 'Mailbox',
  'mailbox.every': 'polled every {n} s',
  'mailbox.lastPoll': 'Last poll',
  'mailbox.lastSuccess': 'Last success',
  'mailbox.never': 'Never',
  'mailbox.lastTaken': 'Messages taken last poll',
  'mailbox.total': 'Messages taken in total',
  // The labels say “messages”, so the number stands alone (no “1 messages”).
  'mailbox.count': '{n}',
  'mailbox.lastError': 'Last error',
  'mailbox.errorAt': 'at',
  'mailbox.justNow': 'just now',
  'mailbox.stale':
    'No poll recorded for over {n} minutes: the server’s mailbox poller may have stopped; check that Shixu is running.',
};
