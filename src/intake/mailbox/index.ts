export { describeImapError } from './imap-errors.js';
export { MailboxPoller, type MailboxPollResult, mailFileName } from './mailbox-poller.js';
export { getMailboxStatus, type MailboxProblem, type MailboxStatus, mailboxKey } from './mailbox-store.js';
