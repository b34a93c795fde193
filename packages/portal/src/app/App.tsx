/** The routes. Signed out, every address shows the sign-in page, and after sign-in the page asked for. */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ApiTokensPage } from '../features/admin/ApiTokensPage';
import { UsersPage } from '../features/admin/UsersPage';
import { SignInPage } from '../features/auth/SignInPage';
import { CaseDetailPage } from '../features/cases/CaseDetailPage';
import { CaseFormPage } from '../features/cases/CaseFormPage';
import { CaseListPage } from '../features/cases/CaseListPage';
import { Loading, Page } from '../features/common/ui';
import { HomePage } from '../features/home/HomePage';
import { IntakePage } from '../features/intake/IntakePage';
import { QueuePage } from '../features/ircc/QueuePage';
import { ReferralsPage } from '../features/ircc/ReferralsPage';
import { InformationRequestsPage } from '../features/requests/InformationRequestsPage';
import { IncomingTransfersPage } from '../features/transfers/IncomingTransfersPage';
import { useI18n } from '../i18n';
import { Layout } from './Layout';

// The charts library is loaded only by the analysts' dashboard.
const DashboardPage = lazy(() =>
  import('../features/analytics/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);

import { useSession } from './session';

export function App() {
  const { state } = useSession();
  if (state.status === 'loading') {
    return (
      <main id="main" className="shell__main">
        <Loading />
      </main>
    );
  }
  if (state.status === 'signedOut') return <SignInPage reason={state.reason} />;
  return (
    <Layout>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="cases" element={<CaseListPage />} />
        <Route path="cases/new" element={<CaseFormPage />} />
        <Route path="cases/:id" element={<CaseDetailPage />} />
        <Route path="cases/:id/edit" element={<CaseFormPage />} />
        <Route path="transfers" element={<IncomingTransfersPage />} />
        <Route path="intake" element={<IntakePage />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="referrals" element={<ReferralsPage />} />
        <Route path="requests" element={<InformationRequestsPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="tokens" element={<ApiTokensPage />} />
        <Route
          path="dashboard"
          element={
            <Suspense fallback={<Loading />}>
              <DashboardPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
    </Page>
  );
}
