/**
 * `pnpm user:create --email admin@fld.example --name "FLD admin" --org FLD --role ORG_ADMIN`
 * creates a user in production (where no demo users exist). The password is read from standard
 * input (one line), never from the command line. The four core organizations (UNHCR, FLD, PD,
 * IRCC) are created first if missing.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { OrganizationKind, Role } from '@hrd/schema';
import { and, eq, sql } from 'drizzle-orm';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { ConfigError, loadConfig } from '../config.js';
import { organizations, users } from '../db/schema.js';
import { rolesAllowedFor } from '../policy/policy.js';
import { describe, openMigratedDatabase } from '../startup.js';

const CORE: ReadonlyArray<{ kind: OrganizationKind; name: string }> = [
  { kind: 'UNHCR', name: 'UNHCR' },
  { kind: 'FLD', name: 'Front Line Defenders' },
  { kind: 'PD', name: 'ProtectDefenders.eu' },
  { kind: 'IRCC', name: 'Immigration, Refugees and Citizenship Canada' },
];

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

try {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const kind = values.org?.toUpperCase() as OrganizationKind | undefined;
  const roles = (values.role ?? []).map((r) => r.toUpperCase()) as Role[];
  if (!values.email || !values.name || !kind || roles.length === 0) {
    throw new ConfigError(
      'Usage: echo "$PASSWORD" | pnpm user:create --email E --name N --org UNHCR|FLD|PD|IRCC --role ROLE [--role ROLE]',
    );
  }
  if (!OrganizationKind.values.includes(kind) || kind === 'THIRD_PARTY') {
    throw new ConfigError('--org must be UNHCR, FLD, PD or IRCC (third parties are registered by a PD admin)');
  }
  const wrong = roles.filter((r) => !Role.values.includes(r) || !rolesAllowedFor(kind).includes(r));
  if (wrong.length) throw new ConfigError(`A ${kind} user cannot hold: ${wrong.join(', ')}`);
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`Give a password of at least ${MIN_PASSWORD_LENGTH} characters on standard input`);
  }
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  try {
    const passwordHash = await hashPassword(password);
    await database.db.transaction(async (tx) => {
      for (const core of CORE) {
        await tx
          .insert(organizations)
          .values({ ...core, referencePrefix: core.kind })
          .onConflictDoNothing();
      }
      const [org] = await tx.select().from(organizations).where(eq(organizations.kind, kind));
      if (!org) throw new Error(`no ${kind} organization`);
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(sql`lower(${users.email}) = lower(${values.email})`));
      if (taken) throw new ConfigError(`A user with email ${values.email} already exists`);
      await tx.insert(users).values({
        organizationId: org.id,
        email: (values.email as string).toLowerCase(),
        displayName: values.name as string,
        roles,
        passwordHash,
      });
    });
    process.stdout.write(`Created ${values.email} (${roles.join(', ')}) in ${kind}.\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : describe(error)}\n`);
  process.exit(1);
}
