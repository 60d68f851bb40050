// 合同评审: one contract case — header with the 48-hour clock, the order under review, the
// customer's original message, requirements, department status, the step the signed-in user can
// take now, amendments, earlier review rounds, the record files and the history. Each step is sent
// with the version last read; a 409 shows the server's message and reloads the case.
import { Alert, Button, Space, Spin } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewCustomerBanner } from '../../components/NewCustomerBanner';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { useSession } from '../../session';
import { AmendmentForm } from './AmendmentForm';
import { AmendmentList } from './AmendmentList';
import { CaseAttachments } from './CaseAttachments';
import { CaseHeader } from './CaseHeader';
import { CaseHistory } from './CaseHistory';
import { CaseOrder } from './CaseOrder';
import { DepartmentTable } from './DepartmentTable';
import { GmDecisionForm, IssueList, NegotiationForm } from './IssueForms';
import { MeetingConfirmations } from './MeetingConfirmations';
import { MeetingForm } from './MeetingForm';
import { OriginalMessage } from './OriginalMessage';
import { RecordDownloads } from './RecordDownloads';
import { RequirementList } from './RequirementList';
import { ReviewRounds } from './ReviewRounds';
import { ClosingSummary, ConclusionForm, CustomerConfirmationForm, FeedbackSent } from './SalesActions';
import { SignReviewForm } from './SignReviewForm';
import { useContractCase } from './useContractCase';

export default function ContractCasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { navigate } = useRouter();
  const c = useContractCase(id);
  const [revising, setRevising] = useState(false);
  const data = c.data;

  if (!data) {
    return c.loadError ? (
      <>
        <ErrorAlert error={c.loadError} onRetry={() => void c.load()} />
        <Button onClick={() => navigate('/ledger')}>{t('review.backToLedger')}</Button>
      </>
    ) : (
      <Spin aria-label={t('common.loading')} />
    );
  }

  const acts = (...departments: string[]) =>
    !!user && (departments.includes(user.department) || departments.includes(user.deputyFor ?? ''));
  const isSales = acts('sales');
  const isGm = acts('general_manager');
  const allowed = new Set(data.allowedEvents);
  const step = { data, busy: c.busy, act: c.act };

  return (
    <div>
      <CaseHeader data={data} />
      <NewCustomerBanner
        proposal={data.newCustomer}
        confirmUrl={`/api/contracts/${encodeURIComponent(data.id)}/new-customer`}
        onConfirmed={() => void c.load()}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <RecordDownloads id={data.id} />
        <Button onClick={() => void c.load()}>{t('review.reload')}</Button>
      </Space>
      <div style={{ marginTop: 12 }} aria-live="polite">
        <ErrorAlert error={c.actionError} />
        {c.reloadedAfterConflict && (
          <Alert type="info" showIcon message={t('review.reloadedAfterConflict')} />
        )}
      </div>

      <CaseOrder data={data} />
      <OriginalMessage data={data} />
      <RequirementList {...step} canConfirm={isSales && allowed.has('CONFIRM_REQUIREMENTS')} />
      <DepartmentTable
        data={data}
        {...(allowed.has('ADD_DEPARTMENT') && isSales && user?.id === data.owner
          ? { route: { busy: c.busy, act: c.act } }
          : {})}
      />
      {allowed.has('SIGN_REVIEW') && data.myChecklist?.status === 'pending' && (
        <SignReviewForm key={`${data.myChecklist.department}-${data.contractVersion}`} {...step} />
      )}
      {/* The case owner organises the meeting; each participant confirms it in their own session. */}
      {data.meeting && (
        <MeetingConfirmations
          {...step}
          canConfirm={allowed.has('CONFIRM_MEETING')}
          {...(allowed.has('RECORD_MEETING') && isSales && !revising
            ? { onRevise: () => setRevising(true) }
            : {})}
        />
      )}
      {allowed.has('RECORD_MEETING') && isSales && (!data.meeting || revising) && (
        <MeetingForm {...step} onDone={() => setRevising(false)} />
      )}
      <IssueList data={data} />
      {allowed.has('RECORD_NEGOTIATION') && isSales && <NegotiationForm {...step} />}
      {allowed.has('GM_DECIDE') && isGm && <GmDecisionForm {...step} />}
      {allowed.has('SIGN_CONCLUSION') && (isSales || isGm) && <ConclusionForm {...step} />}
      {allowed.has('SEND_FEEDBACK') && isSales && <FeedbackSent busy={c.busy} act={c.act} />}
      {allowed.has('CUSTOMER_CONFIRMED') && isSales && <CustomerConfirmationForm busy={c.busy} act={c.act} />}
      <ClosingSummary data={data} />
      {allowed.has('AMEND') && isSales && <AmendmentForm {...step} />}
      <AmendmentList data={data} />
      <ReviewRounds data={data} />
      <CaseAttachments data={data} />
      <CaseHistory data={data} />
    </div>
  );
}
