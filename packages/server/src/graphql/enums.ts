import { ENUMS } from '@hrd/schema';
import { GraphQLEnumType } from 'graphql';
import { registerEnumType } from 'type-graphql';

/**
 * The shared vocabulary's enums as GraphQL enum objects, each registered once with its
 * descriptions. Resolvers use `GqlEnum.X` in `@Field(() => GqlEnum.X)`.
 */
type EnumName = keyof typeof ENUMS;
type EnumObject<N extends EnumName> = { [V in (typeof ENUMS)[N]['values'][number]]: V };

function toEnumObject<N extends EnumName>(name: N): EnumObject<N> {
  const spec = ENUMS[name];
  const object = Object.fromEntries(spec.values.map((v) => [v, v])) as EnumObject<N>;
  const valuesConfig = Object.fromEntries(
    spec.values.map((v) => [v, { description: (spec.valueDescriptions as Record<string, string>)[v] }]),
  );
  registerEnumType(object, {
    name,
    description: spec.description,
    valuesConfig: valuesConfig as Parameters<typeof registerEnumType<EnumObject<N>>>[1]['valuesConfig'],
  });
  return object;
}

export const GqlEnum = {
  OrganizationKind: toEnumObject('OrganizationKind'),
  Role: toEnumObject('Role'),
  CaseStatus: toEnumObject('CaseStatus'),
  Urgency: toEnumObject('Urgency'),
  HrdActivity: toEnumObject('HrdActivity'),
  PersonRole: toEnumObject('PersonRole'),
  Sex: toEnumObject('Sex'),
  ChargeOutcome: toEnumObject('ChargeOutcome'),
  PartnerView: toEnumObject('PartnerView'),
  Criterion: toEnumObject('Criterion'),
  CriterionAnswer: toEnumObject('CriterionAnswer'),
  SubmissionCategory: toEnumObject('SubmissionCategory'),
  TransferKind: toEnumObject('TransferKind'),
  TransferStatus: toEnumObject('TransferStatus'),
  ImmigrationStage: toEnumObject('ImmigrationStage'),
  CheckKind: toEnumObject('CheckKind'),
  CheckResult: toEnumObject('CheckResult'),
  DecisionOutcome: toEnumObject('DecisionOutcome'),
  InformationRequestStatus: toEnumObject('InformationRequestStatus'),
  AuditOutcome: toEnumObject('AuditOutcome'),
} as const;

/**
 * The vocabulary's enums that no field references yet, as plain GraphQL enums, so that the
 * emitted schema always carries the whole vocabulary for clients and code generation.
 */
export function vocabularyEnumTypes(existing: ReadonlySet<string>): GraphQLEnumType[] {
  return (Object.keys(ENUMS) as EnumName[])
    .filter((name) => !existing.has(name))
    .map((name) => {
      const spec = ENUMS[name];
      return new GraphQLEnumType({
        name,
        description: spec.description,
        values: Object.fromEntries(
          spec.values.map((v) => [v, { value: v, description: (spec.valueDescriptions as Record<string, string>)[v] }]),
        ),
      });
    });
}
