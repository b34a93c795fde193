import { PartnerOrganizations } from '../features/organizations/PartnerOrganizations';

export function App() {
  return (
    <div className="shell">
      <header className="shell__header">
        <h1>HRD Referral Exchange</h1>
        <p>Referrals of human rights defenders at risk to Immigration, Refugees and Citizenship Canada.</p>
      </header>
      <main className="shell__main">
        <PartnerOrganizations />
      </main>
    </div>
  );
}
