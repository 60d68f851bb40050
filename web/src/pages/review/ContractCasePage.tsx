// 合同评审: one contract case — header with the 48-hour clock, the order under review, the
// customer's original message, requirements, department status, the step the signed-in user can
// take now, amendments, earlier review rounds, the record files and the history. Each step is sent
// with the version last read; a 409 shows the server's message and reloads the case. A step's form
// is shown only when the server says this user may take it now (`actions`, the check it runs on the
// step itself), so no button answers 403. A to-do's link (#anchor) scrolls to where its step is.
import { Alert, Button, Space, Spin } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewCustomerBanner } from '../../components/NewCustomerBanner';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
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
import { RequirementPlanning } from './RequirementPlanning';
import { ReviewRounds } from './ReviewRounds';
import { ClosingSummary, ConclusionForm, CustomerConfirmationForm, FeedbackSent } from './SalesActions';
import { SignReviewForm } from './SignReviewForm';
import { TemporaryBasis } from './TemporaryBasis';
import { useContractCase } from './useContractCase';

export default function ContractCasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const c = useContractCase(id);
  const [revising, setRevising] = useState(false);
  const data = c.data;
  const loaded = data !== null;

  // Opened from a to-do: once the case is on screen, bring its step into view.
  useEffect(() => {
    if (!loaded) return;
    const anchor = decodeURIComponent(window.location.hash.slice(1));
    if (anchor) document.getElementById(anchor)?.scrollIntoView({ block: 'start' });
  }, [loaded]);

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

  const may = (type: string) => data.actions?.[type]?.allowed === true;
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
      <Anchor id="temporary-basis">
        <TemporaryBasis {...step} canRecord={may('RECORD_TEMPORARY_BASIS')} />
      </Anchor>
      <Anchor id="requirements">
        <RequirementList
          {...step}
          canConfirm={may('CONFIRM_REQUIREMENTS')}
          canCorrect={may('EDIT_REQUIREMENTS')}
          error={c.actionError}
        />
      </Anchor>
      <Anchor id="planning">
        <RequirementPlanning contractId={data.id} version={data.version} />
      </Anchor>
      <DepartmentTable
        data={data}
        {...(may('ADD_DEPARTMENT') ? { route: { busy: c.busy, act: c.act } } : {})}
      />
      <Anchor id="sign-review">
        {may('SIGN_REVIEW') && data.myChecklist?.status === 'pending' && (
          <SignReviewForm key={`${data.myChecklist.department}-${data.contractVersion}`} {...step} />
        )}
      </Anchor>
      {/* The case owner organises the meeting; each participant confirms it in their own session. */}
      <Anchor id="meeting">
        {data.meeting && (
          <MeetingConfirmations
            {...step}
            canConfirm={may('CONFIRM_MEETING')}
            {...(may('RECORD_MEETING') && !revising ? { onRevise: () => setRevising(true) } : {})}
          />
        )}
        {may('RECORD_MEETING') && (!data.meeting || revising) && (
          <MeetingForm {...step} onDone={() => setRevising(false)} />
        )}
      </Anchor>
      <Anchor id="issues">
        <IssueList data={data} />
        {may('RECORD_NEGOTIATION') && <NegotiationForm {...step} />}
        {may('GM_DECIDE') && <GmDecisionForm {...step} />}
      </Anchor>
      <Anchor id="conclusion">{may('SIGN_CONCLUSION') && <ConclusionForm {...step} />}</Anchor>
      <Anchor id="feedback">{may('SEND_FEEDBACK') && <FeedbackSent busy={c.busy} act={c.act} />}</Anchor>
      <Anchor id="customer-confirmation">
        {may('CUSTOMER_CONFIRMED') && (
          <CustomerConfirmationForm
            busy={c.busy}
            act={c.act}
            samples={data.samplesAreAcceptanceStandard === true}
          />
        )}
      </Anchor>
      <ClosingSummary data={data} />
      <Anchor id="amendments">
        {may('AMEND') && <AmendmentForm {...step} />}
        <AmendmentList data={data} />
      </Anchor>
      <ReviewRounds data={data} />
      <CaseAttachments data={data} />
      <CaseHistory data={data} />
    </div>
  );
}

/** A place on the page a to-do links to (#id); it takes no room of its own. */
function Anchor({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} style={{ scrollMarginTop: 16 }}>
      {children}
    </div>
  );
}
