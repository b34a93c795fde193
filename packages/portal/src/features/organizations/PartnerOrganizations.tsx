import { gql } from '@apollo/client';
import { useQuery } from '@apollo/client/react';

interface OrganizationsData {
  organizations: Array<{ id: string; name: string; kind: string }>;
}

const ORGANIZATIONS = gql`
  query PartnerOrganizations {
    organizations {
      id
      name
      kind
    }
  }
`;

export function PartnerOrganizations() {
  const { data, loading, error } = useQuery<OrganizationsData>(ORGANIZATIONS);
  return (
    <section aria-labelledby="organizations-heading">
      <h2 id="organizations-heading">Participating organizations</h2>
      {loading && <p role="status">Loading…</p>}
      {error && <p role="alert">The organizations could not be loaded. Please try again.</p>}
      {data && (
        <ul className="organizations" data-testid="organizations">
          {data.organizations.map((org) => (
            <li key={org.id}>
              <span className="organizations__name">{org.name}</span>{' '}
              <span className="organizations__kind">{org.kind}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
