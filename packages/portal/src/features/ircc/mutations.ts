/** IRCC officers' mutations as hooks. */
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';

const AcknowledgeReferral = graphql(`
  mutation AcknowledgeReferral($transferId: ID!) {
    acknowledgeReferral(transferId: $transferId) {
      id
      reference
      immigrationFile {
        stage
      }
    }
  }
`);

const AssignOfficer = graphql(`
  mutation AssignOfficer($caseId: ID!, $officerId: ID, $expectedVersion: Int) {
    assignOfficer(caseId: $caseId, officerId: $officerId, expectedVersion: $expectedVersion) {
      id
    }
  }
`);

const AdvanceStage = graphql(`
  mutation AdvanceStage($caseId: ID!, $to: ImmigrationStage!, $expectedVersion: Int) {
    advanceStage(caseId: $caseId, to: $to, expectedVersion: $expectedVersion) {
      id
      immigrationFile {
        stage
      }
    }
  }
`);

const RecordCheck = graphql(`
  mutation RecordCheck($caseId: ID!, $kind: CheckKind!, $result: CheckResult!, $note: String, $expectedVersion: Int) {
    recordCheck(caseId: $caseId, kind: $kind, result: $result, note: $note, expectedVersion: $expectedVersion) {
      id
    }
  }
`);

const ScheduleInterview = graphql(`
  mutation ScheduleInterview($caseId: ID!, $at: DateTime!, $expectedVersion: Int) {
    scheduleInterview(caseId: $caseId, at: $at, expectedVersion: $expectedVersion) {
      id
    }
  }
`);

const RecordDecision = graphql(`
  mutation RecordDecision(
    $caseId: ID!
    $outcome: DecisionOutcome!
    $reasons: String
    $citedChargeIds: [ID!]
    $overrideNote: String
    $expectedVersion: Int
  ) {
    recordDecision(
      caseId: $caseId
      outcome: $outcome
      reasons: $reasons
      citedChargeIds: $citedChargeIds
      overrideNote: $overrideNote
      expectedVersion: $expectedVersion
    ) {
      passesCap
      warnings
      case {
        id
        status
      }
    }
  }
`);

const RecordArrival = graphql(`
  mutation RecordArrival($caseId: ID!, $arrivedAt: DateTime, $expectedVersion: Int) {
    recordArrival(caseId: $caseId, arrivedAt: $arrivedAt, expectedVersion: $expectedVersion) {
      id
      status
    }
  }
`);

const refresh = { refetchQueries: 'active', awaitRefetchQueries: true } as const;

export const useAcknowledgeReferralMutation = () => useMutation(AcknowledgeReferral, refresh);
export const useAssignOfficerMutation = () => useMutation(AssignOfficer, refresh);
export const useAdvanceStageMutation = () => useMutation(AdvanceStage, refresh);
export const useRecordCheckMutation = () => useMutation(RecordCheck, refresh);
export const useScheduleInterviewMutation = () => useMutation(ScheduleInterview, refresh);
export const useRecordDecisionMutation = () => useMutation(RecordDecision, refresh);
export const useRecordArrivalMutation = () => useMutation(RecordArrival, refresh);
