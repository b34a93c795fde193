/**
 * The query parameters of `GET /export/cases.csv`, mapped onto the `cases` query's own
 * `CaseFilter` and `CaseOrder`, so the export filters exactly as the API does. Anything that is
 * not understood is refused (BAD_USER_INPUT naming the parameter) rather than ignored: a
 * mistyped filter must not silently widen an export of sensitive data.
 */
import { CaseStatus, HrdActivity, OrganizationKind, Urgency } from '@hrd/schema';
import { AppError } from '../../graphql/errors.js';
import { type CaseFilter, CaseOrder } from '../cases/cases.types.js';

export interface ExportQuery {
  readonly filter: CaseFilter;
  readonly orderBy: CaseOrder;
}

/** A bad query parameter: BAD_USER_INPUT, with the parameter's name in `extensions.parameter`. */
export class ExportParameterError extends AppError {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super('BAD_USER_INPUT', message, { parameter });
  }
}

/** Distinct values of one list parameter, at most this many (more is not a plausible filter). */
const MAX_LIST_VALUES = 300;

const LIST_PARAMETERS = ['status', 'urgency', 'custodianKind', 'countryOfAsylum', 'activity'] as const;
const DATE_PARAMETERS = ['createdAfter', 'createdBefore', 'referredAfter', 'referredBefore'] as const;
const SINGLE_PARAMETERS = ['referencePrefix', 'orderBy', ...DATE_PARAMETERS] as const;
const KNOWN_PARAMETERS: ReadonlySet<string> = new Set([...LIST_PARAMETERS, ...SINGLE_PARAMETERS]);

/**
 * A list parameter may repeat (`status=DRAFT&status=REFERRED`) or be comma-separated
 * (`status=DRAFT,REFERRED`), or both. Values are trimmed and upper-cased; empty items are skipped.
 */
function listOf(search: URLSearchParams, name: string): string[] {
  const values = new Set<string>();
  for (const raw of search.getAll(name)) {
    for (const item of raw.split(',')) {
      const value = item.trim().toUpperCase();
      if (value) values.add(value);
    }
  }
  if (values.size > MAX_LIST_VALUES) {
    throw new ExportParameterError(name, `${name} takes at most ${MAX_LIST_VALUES} values.`);
  }
  return [...values];
}

function enumList<const T extends readonly string[]>(search: URLSearchParams, name: string, allowed: T): T[number][] {
  const values = listOf(search, name);
  const unknown = values.find((v) => !allowed.includes(v));
  if (unknown !== undefined) {
    throw new ExportParameterError(name, `${name}: "${unknown.slice(0, 40)}" is not one of ${allowed.join(', ')}.`);
  }
  return values as T[number][];
}

/** The one value of a parameter that may appear once; undefined when absent or empty. */
function singleOf(search: URLSearchParams, name: string): string | undefined {
  const all = search.getAll(name);
  if (all.length > 1) throw new ExportParameterError(name, `${name} may be given once.`);
  const value = all[0]?.trim();
  return value ? value : undefined;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

/**
 * An ISO 8601 date (`2026-03-01`, read as midnight UTC) or date-time with a zone
 * (`2026-03-01T12:00:00Z`, `2026-03-01T12:00+02:00`). Impossible dates (Feb 30) are refused.
 */
export function parseIsoDate(input: string): Date | null {
  // An unencoded `+` in a query string arrives as a space: `...T12:00 02:00` means `+02:00`.
  const value = input.replace(/ (\d{2}:\d{2})$/, '+$1');
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [, y, m, d, hh] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return null;
  }
  const parsed = hh === undefined ? calendar : new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function dateOf(search: URLSearchParams, name: string): Date | undefined {
  const value = singleOf(search, name);
  if (value === undefined) return undefined;
  const date = parseIsoDate(value);
  if (!date) {
    throw new ExportParameterError(name, `${name} is an ISO 8601 date (2026-03-01) or date-time with a zone.`);
  }
  return date;
}

const REFERENCE_PREFIX = /^[A-Za-z0-9-]{1,64}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** Reads the export's filter and order from the request's query string. */
export function parseExportQuery(search: URLSearchParams): ExportQuery {
  for (const name of new Set(search.keys())) {
    if (!KNOWN_PARAMETERS.has(name)) {
      throw new ExportParameterError(
        name.slice(0, 64),
        `Unknown parameter "${name.slice(0, 64)}". Known: ${[...KNOWN_PARAMETERS].join(', ')}.`,
      );
    }
  }

  const filter: CaseFilter = {};
  const status = enumList(search, 'status', CaseStatus.values);
  if (status.length) filter.status = status;
  const urgency = enumList(search, 'urgency', Urgency.values);
  if (urgency.length) filter.urgency = urgency;
  const custodianKind = enumList(search, 'custodianKind', OrganizationKind.values);
  if (custodianKind.length) filter.custodianKind = custodianKind;
  const activity = enumList(search, 'activity', HrdActivity.values);
  if (activity.length) filter.activity = activity;

  const countries = listOf(search, 'countryOfAsylum');
  if (countries.some((c) => !COUNTRY.test(c))) {
    throw new ExportParameterError('countryOfAsylum', 'countryOfAsylum takes ISO 3166-1 alpha-2 codes.');
  }
  // As in the `cases` query, this QUASI filter matches only cases whose QUASI fields you may read.
  if (countries.length) filter.countryOfAsylum = countries;

  const prefix = singleOf(search, 'referencePrefix');
  if (prefix !== undefined) {
    if (!REFERENCE_PREFIX.test(prefix)) {
      throw new ExportParameterError('referencePrefix', 'referencePrefix has 1 to 64 letters, digits or hyphens.');
    }
    filter.referencePrefix = prefix;
  }

  for (const name of DATE_PARAMETERS) {
    const date = dateOf(search, name);
    if (date) filter[name] = date;
  }

  const order = singleOf(search, 'orderBy')?.toUpperCase();
  let orderBy = CaseOrder.CREATED_DESC;
  if (order !== undefined) {
    const known = Object.values(CaseOrder) as string[];
    if (!known.includes(order)) {
      throw new ExportParameterError('orderBy', `orderBy is one of ${known.join(', ')}.`);
    }
    orderBy = order as CaseOrder;
  }

  return { filter, orderBy };
}
