/** A table of cases (META fields only, which every relation may read), with its colocated fragment. */
import { Link } from 'react-router';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { StatusBadge, UrgencyBadge } from '../common/ui';

export const CaseRowFragment = graphql(`
  fragment CaseRow_case on Case {
    id
    reference
    status
    urgency
    size
    createdAt
    updatedAt
    custodian {
      id
      name
    }
    immigrationFile {
      stage
      deferred
    }
  }
`);

export function CaseTable({
  cases,
  caption,
  showStage = false,
}: {
  cases: ReadonlyArray<FragmentType<typeof CaseRowFragment>>;
  caption: string;
  showStage?: boolean;
}) {
  const { t, label, formatDate, formatNumber } = useI18n();
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('case.reference')}</th>
          <th scope="col">{t('case.status')}</th>
          <th scope="col">{t('case.urgency')}</th>
          <th scope="col">{t('case.size')}</th>
          <th scope="col">{t('case.custodian')}</th>
          {showStage && <th scope="col">{t('case.stage')}</th>}
          <th scope="col">{t('case.createdAt')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((ref) => {
          const c = getFragmentData(CaseRowFragment, ref);
          return (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/cases/${c.id}`}>{c.reference ?? t('case.openWithoutReference')}</Link>
              </th>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>
                <UrgencyBadge urgency={c.urgency} />
              </td>
              <td>{formatNumber(c.size)}</td>
              <td>{c.custodian.name}</td>
              {showStage && (
                <td>
                  {c.immigrationFile ? label('ImmigrationStage', c.immigrationFile.stage) : '—'}
                  {c.immigrationFile?.deferred && <> · {t('ircc.deferred')}</>}
                </td>
              )}
              <td>{formatDate(c.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
