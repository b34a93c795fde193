/** The transfer mutations as hooks; each refreshes the screens on view once it is done. */
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';

const AcceptTransfer = graphql(`
  mutation AcceptTransfer($transferId: ID!) {
    acceptTransfer(transferId: $transferId) {
      id
      status
    }
  }
`);

const DeclineTransfer = graphql(`
  mutation DeclineTransfer($transferId: ID!, $reason: String!) {
    declineTransfer(transferId: $transferId, reason: $reason) {
      id
      status
    }
  }
`);

const DeclineSubmission = graphql(`
  mutation DeclineSubmission($transferId: ID!, $reason: String!) {
    declineSubmission(transferId: $transferId, reason: $reason) {
      id
      status
    }
  }
`);

const DistributeCase = graphql(`
  mutation DistributeCase($caseId: ID!, $to: DistributionTarget!, $note: String) {
    distributeCase(caseId: $caseId, to: $to, note: $note) {
      id
      status
      to {
        id
        name
      }
    }
  }
`);

const DistributeCases = graphql(`
  mutation DistributeCases($items: [DistributionInput!]!) {
    distributeCases(items: $items) {
      id
      status
    }
  }
`);

const OfferToUnhcr = graphql(`
  mutation OfferToUnhcr($caseId: ID!, $note: String) {
    offerToUnhcr(caseId: $caseId, note: $note) {
      id
      status
    }
  }
`);

const SubmitToPd = graphql(`
  mutation SubmitToPd($caseId: ID!, $note: String) {
    submitToPd(caseId: $caseId, note: $note) {
      id
      status
    }
  }
`);

const refresh = { refetchQueries: 'active', awaitRefetchQueries: true } as const;

export const useAcceptTransferMutation = () => useMutation(AcceptTransfer, refresh);
export const useDeclineTransferMutation = () => useMutation(DeclineTransfer, refresh);
export const useDeclineSubmissionMutation = () => useMutation(DeclineSubmission, refresh);
export const useDistributeCaseMutation = () => useMutation(DistributeCase, refresh);
export const useDistributeCasesMutation = () => useMutation(DistributeCases, refresh);
export const useOfferToUnhcrMutation = () => useMutation(OfferToUnhcr, refresh);
export const useSubmitToPdMutation = () => useMutation(SubmitToPd, refresh);
