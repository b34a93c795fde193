/** Each role's home: what needs attention now. */
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { primaryRole, useMe } from '../../app/session';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { QuotaSummary } from '../analytics/QuotaSummary';
import { CaseTable } from '../cases/CaseTable';
import { blockingError } from '../common/errors';
import { Empty, ErrorMessage, Loading, Page } from '../common/ui';
import { SubmissionInboxSection } from '../intake/IntakePage';
import { PendingReferralsList } from '../ircc/ReferralsPage';
import { RequestList } from '../requests/RequestList';
import { TransferTable } from '../transfers/TransferTable';
import { NotificationsSection } from './NotificationsSection';

const CaseworkerHome = graphql(`
  query CaseworkerHome {
    drafts: cases(filter: { status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER] }, orderBy: UPDATED_DESC, first: 5) {
      totalCount
      edges {
        node {
          id
          ...CaseRow_case
        }
      }
    }
    incoming: transfers(filter: { direction: INCOMING, status: [PENDING] }, first: 5) {
      totalCount
      edges {
        node {
          id
          ...TransferRow_transfer
        }
      }
    }
    requests: informationRequests(filter: { status: [OPEN] }, first: 5) {
      totalCount
      edges {
        node {
          id
          ...RequestRow_request
        }
      }
    }
  }
`);

const ReferrerHome = graphql(`
  query ReferrerHome {
    cases(orderBy: UPDATED_DESC, first: 20) {
      totalCount
      edges {
        node {
          id
          ...CaseRow_case
        }
      }
    }
  }
`);

const OfficerHome = graphql(`
  query OfficerHome($me: ID!) {
    mine: immigrationQueue(filter: { assignedOfficerId: $me }, first: 5) {
      totalCount
      edges {
        node {
          id
          ...CaseRow_case
        }
      }
    }
    queue: immigrationQueue(first: 1) {
      totalCount
    }
  }
`);

export function HomePage() {
  const me = useMe();
  const { t } = useI18n();
  const role = primaryRole(me);
  return (
    <Page title={t('home.title', { name: me.displayName })}>
      {role === 'CASEWORKER' && <CaseworkerHomeView />}
      {role === 'INTAKE_COORDINATOR' && (
        <>
          <SubmissionInboxSection />
          <p>
            <Link to="/intake">{t('home.intakeMore')}</Link>
          </p>
        </>
      )}
      {role === 'REFERRER' && <ReferrerHomeView />}
      {role === 'OFFICER' && <OfficerHomeView meId={me.id} />}
      {role === 'ANALYST' && (
        <>
          <QuotaSummary year={new Date().getFullYear()} />
          <p>
            <Link to="/dashboard">{t('home.dashboardMore')}</Link>
          </p>
        </>
      )}
      {role === 'ORG_ADMIN' && (
        <p>
          <Link to="/users">{t('home.admin')}</Link>
        </p>
      )}
      {['CASEWORKER', 'INTAKE_COORDINATOR', 'REFERRER', 'OFFICER'].includes(role) && <NotificationsSection />}
    </Page>
  );
}

function Block({
  id,
  title,
  count,
  more,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  more?: ReactNode;
  children: ReactNode;
}) {
  const { formatNumber } = useI18n();
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>
        {title} {count !== undefined && <span className="count">({formatNumber(count)})</span>}
      </h2>
      {children}
      {more && <p>{more}</p>}
    </section>
  );
}

function CaseworkerHomeView() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(CaseworkerHome);
  if (loading && !data) return <Loading />;
  return (
    <>
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      {data && (
        <>
          <Block
            id="home-drafts"
            title={t('home.drafts')}
            count={data.drafts.totalCount}
            more={<Link to="/cases">{t('home.allCases')}</Link>}
          >
            {data.drafts.edges.length ? (
              <CaseTable cases={data.drafts.edges.map((e) => e.node)} caption={t('home.drafts')} />
            ) : (
              <Empty>{t('home.draftsEmpty')}</Empty>
            )}
          </Block>
          <Block
            id="home-incoming"
            title={t('home.incoming')}
            count={data.incoming.totalCount}
            more={<Link to="/transfers">{t('home.incomingMore')}</Link>}
          >
            {data.incoming.edges.length ? (
              <TransferTable transfers={data.incoming.edges.map((e) => e.node)} caption={t('home.incoming')} />
            ) : (
              <Empty>{t('transfers.empty')}</Empty>
            )}
          </Block>
          <Block
            id="home-requests"
            title={t('home.requests')}
            count={data.requests.totalCount}
            more={<Link to="/requests">{t('home.requestsMore')}</Link>}
          >
            {data.requests.edges.length ? (
              <RequestList requests={data.requests.edges.map((e) => e.node)} canAnswer />
            ) : (
              <Empty>{t('requests.empty')}</Empty>
            )}
          </Block>
        </>
      )}
    </>
  );
}

function ReferrerHomeView() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(ReferrerHome);
  if (loading && !data) return <Loading />;
  return (
    <>
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      <p>
        <Link className="button" to="/cases/new">
          {t('nav.newCase')}
        </Link>
      </p>
      {data && (
        <Block id="home-submissions" title={t('home.submissions')} count={data.cases.totalCount}>
          {data.cases.edges.length ? (
            <CaseTable cases={data.cases.edges.map((e) => e.node)} caption={t('home.submissions')} />
          ) : (
            <Empty>{t('home.submissionsEmpty')}</Empty>
          )}
        </Block>
      )}
    </>
  );
}

function OfficerHomeView({ meId }: { meId: string }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(OfficerHome, { variables: { me: meId } });
  return (
    <>
      <Block
        id="home-referrals"
        title={t('referrals.title')}
        more={<Link to="/referrals">{t('home.referralsMore')}</Link>}
      >
        <PendingReferralsList limit={5} />
      </Block>
      {loading && !data && <Loading />}
      <ErrorMessage error={blockingError(error)} onReload={() => void refetch()} />
      {data && (
        <Block
          id="home-mine"
          title={t('home.myFiles')}
          count={data.mine.totalCount}
          more={<Link to="/queue">{t('home.queueMore', { total: data.queue.totalCount })}</Link>}
        >
          {data.mine.edges.length ? (
            <CaseTable cases={data.mine.edges.map((e) => e.node)} caption={t('home.myFiles')} showStage />
          ) : (
            <Empty>{t('home.myFilesEmpty')}</Empty>
          )}
        </Block>
      )}
    </>
  );
}
