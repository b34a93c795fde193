import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';

export const RequestRowFragment = graphql(`
  fragment RequestRow_request on InformationRequest {
    id
    version
    status
    question
    answer
    askedAt
    answeredAt
    case {
      id
      reference
    }
  }
`);

const RequestInformation = graphql(`
  mutation RequestInformation($caseId: ID!, $question: String!) {
    requestInformation(caseId: $caseId, question: $question) {
      id
      status
    }
  }
`);

export const useRequestInformationMutation = () =>
  useMutation(RequestInformation, { refetchQueries: 'active', awaitRefetchQueries: true });
