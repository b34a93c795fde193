/** Case-work mutations as hooks. Each refreshes the screens on view once done. */
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';

const CreateCase = graphql(`
  mutation CreateCase($input: CreateCaseInput!) {
    createCase(input: $input) {
      id
      reference
    }
  }
`);

const UpdateCase = graphql(`
  mutation UpdateCase($id: ID!, $expectedVersion: Int!, $input: UpdateCaseInput!) {
    updateCase(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`);

const AddPerson = graphql(`
  mutation AddPerson($caseId: ID!, $input: PersonInput!) {
    addPerson(caseId: $caseId, input: $input) {
      id
    }
  }
`);

const AddCharge = graphql(`
  mutation AddCharge($caseId: ID!, $input: ChargeInput!) {
    addCharge(caseId: $caseId, input: $input) {
      id
    }
  }
`);

const UpdatePerson = graphql(`
  mutation UpdatePerson($id: ID!, $expectedVersion: Int!, $input: PersonPatch!) {
    updatePerson(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`);

const RemovePerson = graphql(`
  mutation RemovePerson($id: ID!) {
    removePerson(id: $id) {
      id
      status
      size
      version
    }
  }
`);

const UpdateCharge = graphql(`
  mutation UpdateCharge($id: ID!, $expectedVersion: Int!, $input: ChargePatch!) {
    updateCharge(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`);

const MarkNotEligible = graphql(`
  mutation MarkNotEligible($caseId: ID!, $expectedVersion: Int!, $reason: String!) {
    markNotEligible(caseId: $caseId, expectedVersion: $expectedVersion, reason: $reason) {
      id
      status
      version
    }
  }
`);

const RecordAssessment = graphql(`
  mutation RecordAssessment($caseId: ID!, $expectedVersion: Int!, $input: AssessmentInput!) {
    recordAssessment(caseId: $caseId, expectedVersion: $expectedVersion, input: $input) {
      id
      status
      version
    }
  }
`);

const ReferToIrcc = graphql(`
  mutation ReferToIrcc($caseId: ID!, $expectedVersion: Int!) {
    referToIrcc(caseId: $caseId, expectedVersion: $expectedVersion) {
      transferId
      case {
        id
        status
      }
      quota {
        year
        personCap
        referredPersons
        partnerReferredPersons
        partnerTarget
        overCap
        overPartnerTarget
      }
    }
  }
`);

const WithdrawCase = graphql(`
  mutation WithdrawCase($caseId: ID!, $reason: String!) {
    withdrawCase(caseId: $caseId, reason: $reason) {
      id
      status
      version
      ...CaseAssessment_case
    }
  }
`);

const AnswerInformationRequest = graphql(`
  mutation AnswerInformationRequest($id: ID!, $answer: String!, $expectedVersion: Int) {
    answerInformationRequest(id: $id, answer: $answer, expectedVersion: $expectedVersion) {
      id
      status
      answer
    }
  }
`);

const refresh = { refetchQueries: 'active', awaitRefetchQueries: true } as const;

export const useCreateCaseMutation = () => useMutation(CreateCase);
export const useUpdateCaseMutation = () => useMutation(UpdateCase, refresh);
export const useAddPersonMutation = () => useMutation(AddPerson, refresh);
export const useAddChargeMutation = () => useMutation(AddCharge, refresh);
export const useUpdatePersonMutation = () => useMutation(UpdatePerson, refresh);
export const useRemovePersonMutation = () => useMutation(RemovePerson, refresh);
export const useUpdateChargeMutation = () => useMutation(UpdateCharge, refresh);
export const useMarkNotEligibleMutation = () => useMutation(MarkNotEligible, refresh);
export const useRecordAssessmentMutation = () => useMutation(RecordAssessment, refresh);
export const useReferToIrccMutation = () => useMutation(ReferToIrcc, refresh);
export const useWithdrawCaseMutation = () => useMutation(WithdrawCase, refresh);
export const useAnswerInformationRequestMutation = () => useMutation(AnswerInformationRequest, refresh);
