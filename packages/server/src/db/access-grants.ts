import { FieldClass, grantFor, Relation, Role } from '@hrd/schema';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/**
 * Writes the access table of @hrd/schema into `access_grants`, which row-level security reads.
 * Run after every migration, in one transaction, so the database never holds another matrix
 * than the code.
 */
export async function syncAccessGrants(db: Database): Promise<void> {
  const rows = Relation.flatMap((relation) =>
    Role.values.flatMap((role) =>
      FieldClass.map(
        (fieldClass) => sql`(${relation}, ${role}, ${fieldClass}, ${grantFor(relation, [role], fieldClass)})`,
      ),
    ),
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM access_grants`);
    await tx.execute(
      sql`INSERT INTO access_grants (relation, role, field_class, "grant") VALUES ${sql.join(rows, sql`, `)}`,
    );
  });
}
