/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      roles\n      organization {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        displayName\n        email\n        roles\n        organization {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Quota($year: Int!) {\n    statistics {\n      quota(year: $year) {\n        year\n        personCap\n        referredCases\n        referredPersons\n        inProcessPersons\n        approvedPersons\n        arrivedPersons\n        refusedPersons\n        withdrawnPersons\n        remainingPersons\n        overCap\n        partners {\n          organization {\n            id\n            name\n            kind\n          }\n          personTarget\n          referredCases\n          referredPersons\n          inProcessPersons\n          approvedPersons\n          arrivedPersons\n          refusedPersons\n          withdrawnPersons\n          overTarget\n        }\n      }\n    }\n  }\n": typeof types.QuotaDocument,
    "\n  fragment CaseAssessment_case on Case {\n    id\n    version\n    status\n    urgency\n    assessment {\n      answers {\n        criterion\n        answer\n        justification\n      }\n      primaryCategory\n      secondaryCategory\n      consentOverrideReason\n      notEligibleReason\n      updatedAt\n    }\n  }\n": typeof types.CaseAssessment_CaseFragmentDoc,
    "\n  query AuditTrail($caseId: ID!, $after: String) {\n    auditTrail(caseId: $caseId, first: 25, after: $after) {\n      nextCursor\n      events {\n        seq\n        at\n        action\n        actorName\n        organizationName\n        fields\n        outcome\n        purpose\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query CaseDetail($id: ID!, $identity: Boolean!, $assessment: Boolean!) {\n    case(id: $id) {\n      id\n      reference\n      status\n      urgency\n      size\n      version\n      viewerRelation\n      createdAt\n      updatedAt\n      activities\n      custodian {\n        id\n        name\n        kind\n      }\n      origin {\n        id\n        name\n      }\n      countryOfNationality @include(if: $identity)\n      countryOfAsylum @include(if: $identity)\n      inHiding @include(if: $identity)\n      hrdProfile @include(if: $identity) {\n        summary\n        riskSummary\n      }\n      ...CasePersons_case @include(if: $identity)\n      ...CaseCharges_case @include(if: $identity)\n      ...CaseAssessment_case @include(if: $assessment)\n      ...CaseTransfers_case\n      immigrationFile {\n        stage\n        decisionOutcome\n        deferred\n      }\n    }\n  }\n": typeof types.CaseDetailDocument,
    "\n  query CaseForEdit($id: ID!) {\n    case(id: $id) {\n      id\n      reference\n      version\n      urgency\n      activities\n      countryOfNationality\n      countryOfAsylum\n      inHiding\n      hrdProfile {\n        summary\n        riskSummary\n      }\n    }\n  }\n": typeof types.CaseForEditDocument,
    "\n  query CaseList($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {\n    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": typeof types.CaseListDocument,
    "\n  fragment CaseRow_case on Case {\n    id\n    reference\n    status\n    urgency\n    size\n    createdAt\n    updatedAt\n    custodian {\n      id\n      name\n    }\n    immigrationFile {\n      stage\n      deferred\n    }\n  }\n": typeof types.CaseRow_CaseFragmentDoc,
    "\n  fragment CaseTransfers_case on Case {\n    transfers {\n      id\n      kind\n      status\n      createdAt\n      decidedAt\n      decidedBy\n      note\n      reason\n      from {\n        id\n        name\n      }\n      to {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CaseTransfers_CaseFragmentDoc,
    "\n  fragment CaseCharges_case on Case {\n    id\n    persons {\n      id\n      givenName\n      familyName\n    }\n    charges {\n      id\n      version\n      personId\n      description\n      jurisdiction\n      date\n      outcome\n      partnerView\n      partnerNote\n    }\n  }\n": typeof types.CaseCharges_CaseFragmentDoc,
    "\n  fragment CasePersons_case on Case {\n    id\n    persons {\n      id\n      version\n      role\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      nationality\n    }\n    charges {\n      id\n      personId\n    }\n  }\n": typeof types.CasePersons_CaseFragmentDoc,
    "\n  query RevealSecrets($id: ID!, $purpose: String!) {\n    case(id: $id) {\n      id\n      location(purpose: $purpose)\n      safeContact(purpose: $purpose)\n    }\n  }\n": typeof types.RevealSecretsDocument,
    "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n      reference\n    }\n  }\n": typeof types.CreateCaseDocument,
    "\n  mutation UpdateCase($id: ID!, $expectedVersion: Int!, $input: UpdateCaseInput!) {\n    updateCase(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n": typeof types.UpdateCaseDocument,
    "\n  mutation AddPerson($caseId: ID!, $input: PersonInput!) {\n    addPerson(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddPersonDocument,
    "\n  mutation AddCharge($caseId: ID!, $input: ChargeInput!) {\n    addCharge(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddChargeDocument,
    "\n  mutation UpdatePerson($id: ID!, $expectedVersion: Int!, $input: PersonPatch!) {\n    updatePerson(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n": typeof types.UpdatePersonDocument,
    "\n  mutation RemovePerson($id: ID!) {\n    removePerson(id: $id) {\n      id\n      status\n      size\n      version\n    }\n  }\n": typeof types.RemovePersonDocument,
    "\n  mutation UpdateCharge($id: ID!, $expectedVersion: Int!, $input: ChargePatch!) {\n    updateCharge(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n": typeof types.UpdateChargeDocument,
    "\n  mutation MarkNotEligible($caseId: ID!, $expectedVersion: Int!, $reason: String!) {\n    markNotEligible(caseId: $caseId, expectedVersion: $expectedVersion, reason: $reason) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.MarkNotEligibleDocument,
    "\n  mutation RecordAssessment($caseId: ID!, $expectedVersion: Int!, $input: AssessmentInput!) {\n    recordAssessment(caseId: $caseId, expectedVersion: $expectedVersion, input: $input) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.RecordAssessmentDocument,
    "\n  mutation ReferToIrcc($caseId: ID!, $expectedVersion: Int!) {\n    referToIrcc(caseId: $caseId, expectedVersion: $expectedVersion) {\n      transferId\n      case {\n        id\n        status\n      }\n      quota {\n        year\n        personCap\n        referredPersons\n        partnerReferredPersons\n        partnerTarget\n        overCap\n        overPartnerTarget\n      }\n    }\n  }\n": typeof types.ReferToIrccDocument,
    "\n  mutation WithdrawCase($caseId: ID!, $reason: String!) {\n    withdrawCase(caseId: $caseId, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.WithdrawCaseDocument,
    "\n  mutation AnswerInformationRequest($id: ID!, $answer: String!, $expectedVersion: Int) {\n    answerInformationRequest(id: $id, answer: $answer, expectedVersion: $expectedVersion) {\n      id\n      status\n      answer\n    }\n  }\n": typeof types.AnswerInformationRequestDocument,
    "\n  query CaseworkerHome {\n    drafts: cases(filter: { status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER] }, orderBy: UPDATED_DESC, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    incoming: transfers(filter: { direction: INCOMING, status: [PENDING] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n    requests: informationRequests(filter: { status: [OPEN] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n": typeof types.CaseworkerHomeDocument,
    "\n  query ReferrerHome {\n    cases(orderBy: UPDATED_DESC, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": typeof types.ReferrerHomeDocument,
    "\n  query OfficerHome($me: ID!) {\n    mine: immigrationQueue(filter: { assignedOfficerId: $me }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    queue: immigrationQueue(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.OfficerHomeDocument,
    "\n  query UnreadNotifications {\n    notifications(unreadOnly: true, first: 10) {\n      id\n      event\n      caseId\n      caseReference\n      createdAt\n    }\n  }\n": typeof types.UnreadNotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n": typeof types.MarkNotificationReadDocument,
    "\n  query SubmissionInbox($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [SUBMISSION], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n": typeof types.SubmissionInboxDocument,
    "\n  query TriageCases {\n    cases(filter: { status: [IN_TRIAGE] }, orderBy: URGENCY, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": typeof types.TriageCasesDocument,
    "\n  query IrccFile($id: ID!) {\n    case(id: $id) {\n      id\n      status\n      charges {\n        id\n        description\n        jurisdiction\n        outcome\n        partnerView\n        partnerNote\n      }\n      immigrationFile {\n        fileNumber\n        stage\n        version\n        expedited\n        deferred\n        approvalWouldPassCap\n        assignedOfficer {\n          id\n          displayName\n        }\n        checks {\n          kind\n          result\n          note\n          recordedAt\n        }\n        interviewAt\n        decisionOutcome\n        decisionReasons\n        citedChargeIds\n        overrideNote\n        decidedAt\n        arrivedAt\n      }\n    }\n  }\n": typeof types.IrccFileDocument,
    "\n  query ImmigrationQueue($filter: ImmigrationQueueFilter, $first: Int!, $after: String) {\n    immigrationQueue(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": typeof types.ImmigrationQueueDocument,
    "\n  query PendingReferrals($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [RESETTLEMENT_REFERRAL], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n": typeof types.PendingReferralsDocument,
    "\n  mutation AcknowledgeReferral($transferId: ID!) {\n    acknowledgeReferral(transferId: $transferId) {\n      id\n      reference\n      immigrationFile {\n        stage\n      }\n    }\n  }\n": typeof types.AcknowledgeReferralDocument,
    "\n  mutation AssignOfficer($caseId: ID!, $officerId: ID, $expectedVersion: Int) {\n    assignOfficer(caseId: $caseId, officerId: $officerId, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n": typeof types.AssignOfficerDocument,
    "\n  mutation AdvanceStage($caseId: ID!, $to: ImmigrationStage!, $expectedVersion: Int) {\n    advanceStage(caseId: $caseId, to: $to, expectedVersion: $expectedVersion) {\n      id\n      immigrationFile {\n        stage\n      }\n    }\n  }\n": typeof types.AdvanceStageDocument,
    "\n  mutation RecordCheck($caseId: ID!, $kind: CheckKind!, $result: CheckResult!, $note: String, $expectedVersion: Int) {\n    recordCheck(caseId: $caseId, kind: $kind, result: $result, note: $note, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n": typeof types.RecordCheckDocument,
    "\n  mutation ScheduleInterview($caseId: ID!, $at: DateTime!, $expectedVersion: Int) {\n    scheduleInterview(caseId: $caseId, at: $at, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n": typeof types.ScheduleInterviewDocument,
    "\n  mutation RecordDecision(\n    $caseId: ID!\n    $outcome: DecisionOutcome!\n    $reasons: String\n    $citedChargeIds: [ID!]\n    $overrideNote: String\n    $expectedVersion: Int\n  ) {\n    recordDecision(\n      caseId: $caseId\n      outcome: $outcome\n      reasons: $reasons\n      citedChargeIds: $citedChargeIds\n      overrideNote: $overrideNote\n      expectedVersion: $expectedVersion\n    ) {\n      passesCap\n      warnings\n      case {\n        id\n        status\n      }\n    }\n  }\n": typeof types.RecordDecisionDocument,
    "\n  mutation RecordArrival($caseId: ID!, $arrivedAt: DateTime, $expectedVersion: Int) {\n    recordArrival(caseId: $caseId, arrivedAt: $arrivedAt, expectedVersion: $expectedVersion) {\n      id\n      status\n    }\n  }\n": typeof types.RecordArrivalDocument,
    "\n  query InformationRequests($status: [InformationRequestStatus!], $caseId: ID, $first: Int!) {\n    informationRequests(filter: { status: $status, caseId: $caseId }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n": typeof types.InformationRequestsDocument,
    "\n  fragment RequestRow_request on InformationRequest {\n    id\n    version\n    status\n    question\n    answer\n    askedAt\n    answeredAt\n    case {\n      id\n      reference\n    }\n  }\n": typeof types.RequestRow_RequestFragmentDoc,
    "\n  mutation RequestInformation($caseId: ID!, $question: String!) {\n    requestInformation(caseId: $caseId, question: $question) {\n      id\n      status\n    }\n  }\n": typeof types.RequestInformationDocument,
    "\n  query IncomingTransfers($status: [TransferStatus!], $first: Int!) {\n    transfers(filter: { direction: INCOMING, status: $status }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n": typeof types.IncomingTransfersDocument,
    "\n  fragment TransferRow_transfer on Transfer {\n    id\n    kind\n    status\n    createdAt\n    decidedAt\n    note\n    reason\n    from {\n      id\n      name\n    }\n    to {\n      id\n      name\n    }\n    case {\n      id\n      reference\n      urgency\n      status\n      size\n    }\n  }\n": typeof types.TransferRow_TransferFragmentDoc,
    "\n  mutation AcceptTransfer($transferId: ID!) {\n    acceptTransfer(transferId: $transferId) {\n      id\n      status\n    }\n  }\n": typeof types.AcceptTransferDocument,
    "\n  mutation DeclineTransfer($transferId: ID!, $reason: String!) {\n    declineTransfer(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.DeclineTransferDocument,
    "\n  mutation DeclineSubmission($transferId: ID!, $reason: String!) {\n    declineSubmission(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.DeclineSubmissionDocument,
    "\n  mutation DistributeCase($caseId: ID!, $to: DistributionTarget!, $note: String) {\n    distributeCase(caseId: $caseId, to: $to, note: $note) {\n      id\n      status\n      to {\n        id\n        name\n      }\n    }\n  }\n": typeof types.DistributeCaseDocument,
    "\n  mutation DistributeCases($items: [DistributionInput!]!) {\n    distributeCases(items: $items) {\n      id\n      status\n    }\n  }\n": typeof types.DistributeCasesDocument,
    "\n  mutation OfferToUnhcr($caseId: ID!, $note: String) {\n    offerToUnhcr(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n": typeof types.OfferToUnhcrDocument,
    "\n  mutation SubmitToPd($caseId: ID!, $note: String) {\n    submitToPd(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n": typeof types.SubmitToPdDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      roles\n      organization {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        displayName\n        email\n        roles\n        organization {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Quota($year: Int!) {\n    statistics {\n      quota(year: $year) {\n        year\n        personCap\n        referredCases\n        referredPersons\n        inProcessPersons\n        approvedPersons\n        arrivedPersons\n        refusedPersons\n        withdrawnPersons\n        remainingPersons\n        overCap\n        partners {\n          organization {\n            id\n            name\n            kind\n          }\n          personTarget\n          referredCases\n          referredPersons\n          inProcessPersons\n          approvedPersons\n          arrivedPersons\n          refusedPersons\n          withdrawnPersons\n          overTarget\n        }\n      }\n    }\n  }\n": types.QuotaDocument,
    "\n  fragment CaseAssessment_case on Case {\n    id\n    version\n    status\n    urgency\n    assessment {\n      answers {\n        criterion\n        answer\n        justification\n      }\n      primaryCategory\n      secondaryCategory\n      consentOverrideReason\n      notEligibleReason\n      updatedAt\n    }\n  }\n": types.CaseAssessment_CaseFragmentDoc,
    "\n  query AuditTrail($caseId: ID!, $after: String) {\n    auditTrail(caseId: $caseId, first: 25, after: $after) {\n      nextCursor\n      events {\n        seq\n        at\n        action\n        actorName\n        organizationName\n        fields\n        outcome\n        purpose\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query CaseDetail($id: ID!, $identity: Boolean!, $assessment: Boolean!) {\n    case(id: $id) {\n      id\n      reference\n      status\n      urgency\n      size\n      version\n      viewerRelation\n      createdAt\n      updatedAt\n      activities\n      custodian {\n        id\n        name\n        kind\n      }\n      origin {\n        id\n        name\n      }\n      countryOfNationality @include(if: $identity)\n      countryOfAsylum @include(if: $identity)\n      inHiding @include(if: $identity)\n      hrdProfile @include(if: $identity) {\n        summary\n        riskSummary\n      }\n      ...CasePersons_case @include(if: $identity)\n      ...CaseCharges_case @include(if: $identity)\n      ...CaseAssessment_case @include(if: $assessment)\n      ...CaseTransfers_case\n      immigrationFile {\n        stage\n        decisionOutcome\n        deferred\n      }\n    }\n  }\n": types.CaseDetailDocument,
    "\n  query CaseForEdit($id: ID!) {\n    case(id: $id) {\n      id\n      reference\n      version\n      urgency\n      activities\n      countryOfNationality\n      countryOfAsylum\n      inHiding\n      hrdProfile {\n        summary\n        riskSummary\n      }\n    }\n  }\n": types.CaseForEditDocument,
    "\n  query CaseList($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {\n    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": types.CaseListDocument,
    "\n  fragment CaseRow_case on Case {\n    id\n    reference\n    status\n    urgency\n    size\n    createdAt\n    updatedAt\n    custodian {\n      id\n      name\n    }\n    immigrationFile {\n      stage\n      deferred\n    }\n  }\n": types.CaseRow_CaseFragmentDoc,
    "\n  fragment CaseTransfers_case on Case {\n    transfers {\n      id\n      kind\n      status\n      createdAt\n      decidedAt\n      decidedBy\n      note\n      reason\n      from {\n        id\n        name\n      }\n      to {\n        id\n        name\n      }\n    }\n  }\n": types.CaseTransfers_CaseFragmentDoc,
    "\n  fragment CaseCharges_case on Case {\n    id\n    persons {\n      id\n      givenName\n      familyName\n    }\n    charges {\n      id\n      version\n      personId\n      description\n      jurisdiction\n      date\n      outcome\n      partnerView\n      partnerNote\n    }\n  }\n": types.CaseCharges_CaseFragmentDoc,
    "\n  fragment CasePersons_case on Case {\n    id\n    persons {\n      id\n      version\n      role\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      nationality\n    }\n    charges {\n      id\n      personId\n    }\n  }\n": types.CasePersons_CaseFragmentDoc,
    "\n  query RevealSecrets($id: ID!, $purpose: String!) {\n    case(id: $id) {\n      id\n      location(purpose: $purpose)\n      safeContact(purpose: $purpose)\n    }\n  }\n": types.RevealSecretsDocument,
    "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n      reference\n    }\n  }\n": types.CreateCaseDocument,
    "\n  mutation UpdateCase($id: ID!, $expectedVersion: Int!, $input: UpdateCaseInput!) {\n    updateCase(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n": types.UpdateCaseDocument,
    "\n  mutation AddPerson($caseId: ID!, $input: PersonInput!) {\n    addPerson(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n": types.AddPersonDocument,
    "\n  mutation AddCharge($caseId: ID!, $input: ChargeInput!) {\n    addCharge(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n": types.AddChargeDocument,
    "\n  mutation UpdatePerson($id: ID!, $expectedVersion: Int!, $input: PersonPatch!) {\n    updatePerson(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n": types.UpdatePersonDocument,
    "\n  mutation RemovePerson($id: ID!) {\n    removePerson(id: $id) {\n      id\n      status\n      size\n      version\n    }\n  }\n": types.RemovePersonDocument,
    "\n  mutation UpdateCharge($id: ID!, $expectedVersion: Int!, $input: ChargePatch!) {\n    updateCharge(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n": types.UpdateChargeDocument,
    "\n  mutation MarkNotEligible($caseId: ID!, $expectedVersion: Int!, $reason: String!) {\n    markNotEligible(caseId: $caseId, expectedVersion: $expectedVersion, reason: $reason) {\n      id\n      status\n      version\n    }\n  }\n": types.MarkNotEligibleDocument,
    "\n  mutation RecordAssessment($caseId: ID!, $expectedVersion: Int!, $input: AssessmentInput!) {\n    recordAssessment(caseId: $caseId, expectedVersion: $expectedVersion, input: $input) {\n      id\n      status\n      version\n    }\n  }\n": types.RecordAssessmentDocument,
    "\n  mutation ReferToIrcc($caseId: ID!, $expectedVersion: Int!) {\n    referToIrcc(caseId: $caseId, expectedVersion: $expectedVersion) {\n      transferId\n      case {\n        id\n        status\n      }\n      quota {\n        year\n        personCap\n        referredPersons\n        partnerReferredPersons\n        partnerTarget\n        overCap\n        overPartnerTarget\n      }\n    }\n  }\n": types.ReferToIrccDocument,
    "\n  mutation WithdrawCase($caseId: ID!, $reason: String!) {\n    withdrawCase(caseId: $caseId, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.WithdrawCaseDocument,
    "\n  mutation AnswerInformationRequest($id: ID!, $answer: String!, $expectedVersion: Int) {\n    answerInformationRequest(id: $id, answer: $answer, expectedVersion: $expectedVersion) {\n      id\n      status\n      answer\n    }\n  }\n": types.AnswerInformationRequestDocument,
    "\n  query CaseworkerHome {\n    drafts: cases(filter: { status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER] }, orderBy: UPDATED_DESC, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    incoming: transfers(filter: { direction: INCOMING, status: [PENDING] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n    requests: informationRequests(filter: { status: [OPEN] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n": types.CaseworkerHomeDocument,
    "\n  query ReferrerHome {\n    cases(orderBy: UPDATED_DESC, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": types.ReferrerHomeDocument,
    "\n  query OfficerHome($me: ID!) {\n    mine: immigrationQueue(filter: { assignedOfficerId: $me }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    queue: immigrationQueue(first: 1) {\n      totalCount\n    }\n  }\n": types.OfficerHomeDocument,
    "\n  query UnreadNotifications {\n    notifications(unreadOnly: true, first: 10) {\n      id\n      event\n      caseId\n      caseReference\n      createdAt\n    }\n  }\n": types.UnreadNotificationsDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n": types.MarkNotificationReadDocument,
    "\n  query SubmissionInbox($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [SUBMISSION], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n": types.SubmissionInboxDocument,
    "\n  query TriageCases {\n    cases(filter: { status: [IN_TRIAGE] }, orderBy: URGENCY, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": types.TriageCasesDocument,
    "\n  query IrccFile($id: ID!) {\n    case(id: $id) {\n      id\n      status\n      charges {\n        id\n        description\n        jurisdiction\n        outcome\n        partnerView\n        partnerNote\n      }\n      immigrationFile {\n        fileNumber\n        stage\n        version\n        expedited\n        deferred\n        approvalWouldPassCap\n        assignedOfficer {\n          id\n          displayName\n        }\n        checks {\n          kind\n          result\n          note\n          recordedAt\n        }\n        interviewAt\n        decisionOutcome\n        decisionReasons\n        citedChargeIds\n        overrideNote\n        decidedAt\n        arrivedAt\n      }\n    }\n  }\n": types.IrccFileDocument,
    "\n  query ImmigrationQueue($filter: ImmigrationQueueFilter, $first: Int!, $after: String) {\n    immigrationQueue(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n": types.ImmigrationQueueDocument,
    "\n  query PendingReferrals($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [RESETTLEMENT_REFERRAL], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n": types.PendingReferralsDocument,
    "\n  mutation AcknowledgeReferral($transferId: ID!) {\n    acknowledgeReferral(transferId: $transferId) {\n      id\n      reference\n      immigrationFile {\n        stage\n      }\n    }\n  }\n": types.AcknowledgeReferralDocument,
    "\n  mutation AssignOfficer($caseId: ID!, $officerId: ID, $expectedVersion: Int) {\n    assignOfficer(caseId: $caseId, officerId: $officerId, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n": types.AssignOfficerDocument,
    "\n  mutation AdvanceStage($caseId: ID!, $to: ImmigrationStage!, $expectedVersion: Int) {\n    advanceStage(caseId: $caseId, to: $to, expectedVersion: $expectedVersion) {\n      id\n      immigrationFile {\n        stage\n      }\n    }\n  }\n": types.AdvanceStageDocument,
    "\n  mutation RecordCheck($caseId: ID!, $kind: CheckKind!, $result: CheckResult!, $note: String, $expectedVersion: Int) {\n    recordCheck(caseId: $caseId, kind: $kind, result: $result, note: $note, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n": types.RecordCheckDocument,
    "\n  mutation ScheduleInterview($caseId: ID!, $at: DateTime!, $expectedVersion: Int) {\n    scheduleInterview(caseId: $caseId, at: $at, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n": types.ScheduleInterviewDocument,
    "\n  mutation RecordDecision(\n    $caseId: ID!\n    $outcome: DecisionOutcome!\n    $reasons: String\n    $citedChargeIds: [ID!]\n    $overrideNote: String\n    $expectedVersion: Int\n  ) {\n    recordDecision(\n      caseId: $caseId\n      outcome: $outcome\n      reasons: $reasons\n      citedChargeIds: $citedChargeIds\n      overrideNote: $overrideNote\n      expectedVersion: $expectedVersion\n    ) {\n      passesCap\n      warnings\n      case {\n        id\n        status\n      }\n    }\n  }\n": types.RecordDecisionDocument,
    "\n  mutation RecordArrival($caseId: ID!, $arrivedAt: DateTime, $expectedVersion: Int) {\n    recordArrival(caseId: $caseId, arrivedAt: $arrivedAt, expectedVersion: $expectedVersion) {\n      id\n      status\n    }\n  }\n": types.RecordArrivalDocument,
    "\n  query InformationRequests($status: [InformationRequestStatus!], $caseId: ID, $first: Int!) {\n    informationRequests(filter: { status: $status, caseId: $caseId }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n": types.InformationRequestsDocument,
    "\n  fragment RequestRow_request on InformationRequest {\n    id\n    version\n    status\n    question\n    answer\n    askedAt\n    answeredAt\n    case {\n      id\n      reference\n    }\n  }\n": types.RequestRow_RequestFragmentDoc,
    "\n  mutation RequestInformation($caseId: ID!, $question: String!) {\n    requestInformation(caseId: $caseId, question: $question) {\n      id\n      status\n    }\n  }\n": types.RequestInformationDocument,
    "\n  query IncomingTransfers($status: [TransferStatus!], $first: Int!) {\n    transfers(filter: { direction: INCOMING, status: $status }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n": types.IncomingTransfersDocument,
    "\n  fragment TransferRow_transfer on Transfer {\n    id\n    kind\n    status\n    createdAt\n    decidedAt\n    note\n    reason\n    from {\n      id\n      name\n    }\n    to {\n      id\n      name\n    }\n    case {\n      id\n      reference\n      urgency\n      status\n      size\n    }\n  }\n": types.TransferRow_TransferFragmentDoc,
    "\n  mutation AcceptTransfer($transferId: ID!) {\n    acceptTransfer(transferId: $transferId) {\n      id\n      status\n    }\n  }\n": types.AcceptTransferDocument,
    "\n  mutation DeclineTransfer($transferId: ID!, $reason: String!) {\n    declineTransfer(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.DeclineTransferDocument,
    "\n  mutation DeclineSubmission($transferId: ID!, $reason: String!) {\n    declineSubmission(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.DeclineSubmissionDocument,
    "\n  mutation DistributeCase($caseId: ID!, $to: DistributionTarget!, $note: String) {\n    distributeCase(caseId: $caseId, to: $to, note: $note) {\n      id\n      status\n      to {\n        id\n        name\n      }\n    }\n  }\n": types.DistributeCaseDocument,
    "\n  mutation DistributeCases($items: [DistributionInput!]!) {\n    distributeCases(items: $items) {\n      id\n      status\n    }\n  }\n": types.DistributeCasesDocument,
    "\n  mutation OfferToUnhcr($caseId: ID!, $note: String) {\n    offerToUnhcr(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n": types.OfferToUnhcrDocument,
    "\n  mutation SubmitToPd($caseId: ID!, $note: String) {\n    submitToPd(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n": types.SubmitToPdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      roles\n      organization {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      displayName\n      email\n      roles\n      organization {\n        id\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        displayName\n        email\n        roles\n        organization {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        displayName\n        email\n        roles\n        organization {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Quota($year: Int!) {\n    statistics {\n      quota(year: $year) {\n        year\n        personCap\n        referredCases\n        referredPersons\n        inProcessPersons\n        approvedPersons\n        arrivedPersons\n        refusedPersons\n        withdrawnPersons\n        remainingPersons\n        overCap\n        partners {\n          organization {\n            id\n            name\n            kind\n          }\n          personTarget\n          referredCases\n          referredPersons\n          inProcessPersons\n          approvedPersons\n          arrivedPersons\n          refusedPersons\n          withdrawnPersons\n          overTarget\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Quota($year: Int!) {\n    statistics {\n      quota(year: $year) {\n        year\n        personCap\n        referredCases\n        referredPersons\n        inProcessPersons\n        approvedPersons\n        arrivedPersons\n        refusedPersons\n        withdrawnPersons\n        remainingPersons\n        overCap\n        partners {\n          organization {\n            id\n            name\n            kind\n          }\n          personTarget\n          referredCases\n          referredPersons\n          inProcessPersons\n          approvedPersons\n          arrivedPersons\n          refusedPersons\n          withdrawnPersons\n          overTarget\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseAssessment_case on Case {\n    id\n    version\n    status\n    urgency\n    assessment {\n      answers {\n        criterion\n        answer\n        justification\n      }\n      primaryCategory\n      secondaryCategory\n      consentOverrideReason\n      notEligibleReason\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  fragment CaseAssessment_case on Case {\n    id\n    version\n    status\n    urgency\n    assessment {\n      answers {\n        criterion\n        answer\n        justification\n      }\n      primaryCategory\n      secondaryCategory\n      consentOverrideReason\n      notEligibleReason\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($caseId: ID!, $after: String) {\n    auditTrail(caseId: $caseId, first: 25, after: $after) {\n      nextCursor\n      events {\n        seq\n        at\n        action\n        actorName\n        organizationName\n        fields\n        outcome\n        purpose\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail($caseId: ID!, $after: String) {\n    auditTrail(caseId: $caseId, first: 25, after: $after) {\n      nextCursor\n      events {\n        seq\n        at\n        action\n        actorName\n        organizationName\n        fields\n        outcome\n        purpose\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseDetail($id: ID!, $identity: Boolean!, $assessment: Boolean!) {\n    case(id: $id) {\n      id\n      reference\n      status\n      urgency\n      size\n      version\n      viewerRelation\n      createdAt\n      updatedAt\n      activities\n      custodian {\n        id\n        name\n        kind\n      }\n      origin {\n        id\n        name\n      }\n      countryOfNationality @include(if: $identity)\n      countryOfAsylum @include(if: $identity)\n      inHiding @include(if: $identity)\n      hrdProfile @include(if: $identity) {\n        summary\n        riskSummary\n      }\n      ...CasePersons_case @include(if: $identity)\n      ...CaseCharges_case @include(if: $identity)\n      ...CaseAssessment_case @include(if: $assessment)\n      ...CaseTransfers_case\n      immigrationFile {\n        stage\n        decisionOutcome\n        deferred\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseDetail($id: ID!, $identity: Boolean!, $assessment: Boolean!) {\n    case(id: $id) {\n      id\n      reference\n      status\n      urgency\n      size\n      version\n      viewerRelation\n      createdAt\n      updatedAt\n      activities\n      custodian {\n        id\n        name\n        kind\n      }\n      origin {\n        id\n        name\n      }\n      countryOfNationality @include(if: $identity)\n      countryOfAsylum @include(if: $identity)\n      inHiding @include(if: $identity)\n      hrdProfile @include(if: $identity) {\n        summary\n        riskSummary\n      }\n      ...CasePersons_case @include(if: $identity)\n      ...CaseCharges_case @include(if: $identity)\n      ...CaseAssessment_case @include(if: $assessment)\n      ...CaseTransfers_case\n      immigrationFile {\n        stage\n        decisionOutcome\n        deferred\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseForEdit($id: ID!) {\n    case(id: $id) {\n      id\n      reference\n      version\n      urgency\n      activities\n      countryOfNationality\n      countryOfAsylum\n      inHiding\n      hrdProfile {\n        summary\n        riskSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseForEdit($id: ID!) {\n    case(id: $id) {\n      id\n      reference\n      version\n      urgency\n      activities\n      countryOfNationality\n      countryOfAsylum\n      inHiding\n      hrdProfile {\n        summary\n        riskSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseList($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {\n    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseList($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {\n    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseRow_case on Case {\n    id\n    reference\n    status\n    urgency\n    size\n    createdAt\n    updatedAt\n    custodian {\n      id\n      name\n    }\n    immigrationFile {\n      stage\n      deferred\n    }\n  }\n"): (typeof documents)["\n  fragment CaseRow_case on Case {\n    id\n    reference\n    status\n    urgency\n    size\n    createdAt\n    updatedAt\n    custodian {\n      id\n      name\n    }\n    immigrationFile {\n      stage\n      deferred\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseTransfers_case on Case {\n    transfers {\n      id\n      kind\n      status\n      createdAt\n      decidedAt\n      decidedBy\n      note\n      reason\n      from {\n        id\n        name\n      }\n      to {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CaseTransfers_case on Case {\n    transfers {\n      id\n      kind\n      status\n      createdAt\n      decidedAt\n      decidedBy\n      note\n      reason\n      from {\n        id\n        name\n      }\n      to {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseCharges_case on Case {\n    id\n    persons {\n      id\n      givenName\n      familyName\n    }\n    charges {\n      id\n      version\n      personId\n      description\n      jurisdiction\n      date\n      outcome\n      partnerView\n      partnerNote\n    }\n  }\n"): (typeof documents)["\n  fragment CaseCharges_case on Case {\n    id\n    persons {\n      id\n      givenName\n      familyName\n    }\n    charges {\n      id\n      version\n      personId\n      description\n      jurisdiction\n      date\n      outcome\n      partnerView\n      partnerNote\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CasePersons_case on Case {\n    id\n    persons {\n      id\n      version\n      role\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      nationality\n    }\n    charges {\n      id\n      personId\n    }\n  }\n"): (typeof documents)["\n  fragment CasePersons_case on Case {\n    id\n    persons {\n      id\n      version\n      role\n      givenName\n      familyName\n      dateOfBirth\n      sex\n      nationality\n    }\n    charges {\n      id\n      personId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevealSecrets($id: ID!, $purpose: String!) {\n    case(id: $id) {\n      id\n      location(purpose: $purpose)\n      safeContact(purpose: $purpose)\n    }\n  }\n"): (typeof documents)["\n  query RevealSecrets($id: ID!, $purpose: String!) {\n    case(id: $id) {\n      id\n      location(purpose: $purpose)\n      safeContact(purpose: $purpose)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n      reference\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n      reference\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCase($id: ID!, $expectedVersion: Int!, $input: UpdateCaseInput!) {\n    updateCase(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCase($id: ID!, $expectedVersion: Int!, $input: UpdateCaseInput!) {\n    updateCase(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPerson($caseId: ID!, $input: PersonInput!) {\n    addPerson(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddPerson($caseId: ID!, $input: PersonInput!) {\n    addPerson(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCharge($caseId: ID!, $input: ChargeInput!) {\n    addCharge(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddCharge($caseId: ID!, $input: ChargeInput!) {\n    addCharge(caseId: $caseId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePerson($id: ID!, $expectedVersion: Int!, $input: PersonPatch!) {\n    updatePerson(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePerson($id: ID!, $expectedVersion: Int!, $input: PersonPatch!) {\n    updatePerson(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePerson($id: ID!) {\n    removePerson(id: $id) {\n      id\n      status\n      size\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation RemovePerson($id: ID!) {\n    removePerson(id: $id) {\n      id\n      status\n      size\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCharge($id: ID!, $expectedVersion: Int!, $input: ChargePatch!) {\n    updateCharge(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCharge($id: ID!, $expectedVersion: Int!, $input: ChargePatch!) {\n    updateCharge(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotEligible($caseId: ID!, $expectedVersion: Int!, $reason: String!) {\n    markNotEligible(caseId: $caseId, expectedVersion: $expectedVersion, reason: $reason) {\n      id\n      status\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotEligible($caseId: ID!, $expectedVersion: Int!, $reason: String!) {\n    markNotEligible(caseId: $caseId, expectedVersion: $expectedVersion, reason: $reason) {\n      id\n      status\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAssessment($caseId: ID!, $expectedVersion: Int!, $input: AssessmentInput!) {\n    recordAssessment(caseId: $caseId, expectedVersion: $expectedVersion, input: $input) {\n      id\n      status\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation RecordAssessment($caseId: ID!, $expectedVersion: Int!, $input: AssessmentInput!) {\n    recordAssessment(caseId: $caseId, expectedVersion: $expectedVersion, input: $input) {\n      id\n      status\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReferToIrcc($caseId: ID!, $expectedVersion: Int!) {\n    referToIrcc(caseId: $caseId, expectedVersion: $expectedVersion) {\n      transferId\n      case {\n        id\n        status\n      }\n      quota {\n        year\n        personCap\n        referredPersons\n        partnerReferredPersons\n        partnerTarget\n        overCap\n        overPartnerTarget\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReferToIrcc($caseId: ID!, $expectedVersion: Int!) {\n    referToIrcc(caseId: $caseId, expectedVersion: $expectedVersion) {\n      transferId\n      case {\n        id\n        status\n      }\n      quota {\n        year\n        personCap\n        referredPersons\n        partnerReferredPersons\n        partnerTarget\n        overCap\n        overPartnerTarget\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawCase($caseId: ID!, $reason: String!) {\n    withdrawCase(caseId: $caseId, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawCase($caseId: ID!, $reason: String!) {\n    withdrawCase(caseId: $caseId, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerInformationRequest($id: ID!, $answer: String!, $expectedVersion: Int) {\n    answerInformationRequest(id: $id, answer: $answer, expectedVersion: $expectedVersion) {\n      id\n      status\n      answer\n    }\n  }\n"): (typeof documents)["\n  mutation AnswerInformationRequest($id: ID!, $answer: String!, $expectedVersion: Int) {\n    answerInformationRequest(id: $id, answer: $answer, expectedVersion: $expectedVersion) {\n      id\n      status\n      answer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseworkerHome {\n    drafts: cases(filter: { status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER] }, orderBy: UPDATED_DESC, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    incoming: transfers(filter: { direction: INCOMING, status: [PENDING] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n    requests: informationRequests(filter: { status: [OPEN] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseworkerHome {\n    drafts: cases(filter: { status: [DRAFT, IN_ASSESSMENT, READY_TO_REFER] }, orderBy: UPDATED_DESC, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    incoming: transfers(filter: { direction: INCOMING, status: [PENDING] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n    requests: informationRequests(filter: { status: [OPEN] }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferrerHome {\n    cases(orderBy: UPDATED_DESC, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReferrerHome {\n    cases(orderBy: UPDATED_DESC, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfficerHome($me: ID!) {\n    mine: immigrationQueue(filter: { assignedOfficerId: $me }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    queue: immigrationQueue(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query OfficerHome($me: ID!) {\n    mine: immigrationQueue(filter: { assignedOfficerId: $me }, first: 5) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n    queue: immigrationQueue(first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotifications {\n    notifications(unreadOnly: true, first: 10) {\n      id\n      event\n      caseId\n      caseReference\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query UnreadNotifications {\n    notifications(unreadOnly: true, first: 10) {\n      id\n      event\n      caseId\n      caseReference\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubmissionInbox($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [SUBMISSION], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubmissionInbox($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [SUBMISSION], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TriageCases {\n    cases(filter: { status: [IN_TRIAGE] }, orderBy: URGENCY, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TriageCases {\n    cases(filter: { status: [IN_TRIAGE] }, orderBy: URGENCY, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IrccFile($id: ID!) {\n    case(id: $id) {\n      id\n      status\n      charges {\n        id\n        description\n        jurisdiction\n        outcome\n        partnerView\n        partnerNote\n      }\n      immigrationFile {\n        fileNumber\n        stage\n        version\n        expedited\n        deferred\n        approvalWouldPassCap\n        assignedOfficer {\n          id\n          displayName\n        }\n        checks {\n          kind\n          result\n          note\n          recordedAt\n        }\n        interviewAt\n        decisionOutcome\n        decisionReasons\n        citedChargeIds\n        overrideNote\n        decidedAt\n        arrivedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query IrccFile($id: ID!) {\n    case(id: $id) {\n      id\n      status\n      charges {\n        id\n        description\n        jurisdiction\n        outcome\n        partnerView\n        partnerNote\n      }\n      immigrationFile {\n        fileNumber\n        stage\n        version\n        expedited\n        deferred\n        approvalWouldPassCap\n        assignedOfficer {\n          id\n          displayName\n        }\n        checks {\n          kind\n          result\n          note\n          recordedAt\n        }\n        interviewAt\n        decisionOutcome\n        decisionReasons\n        citedChargeIds\n        overrideNote\n        decidedAt\n        arrivedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImmigrationQueue($filter: ImmigrationQueueFilter, $first: Int!, $after: String) {\n    immigrationQueue(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImmigrationQueue($filter: ImmigrationQueueFilter, $first: Int!, $after: String) {\n    immigrationQueue(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...CaseRow_case\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingReferrals($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [RESETTLEMENT_REFERRAL], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PendingReferrals($first: Int!) {\n    transfers(filter: { direction: INCOMING, kind: [RESETTLEMENT_REFERRAL], status: [PENDING] }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeReferral($transferId: ID!) {\n    acknowledgeReferral(transferId: $transferId) {\n      id\n      reference\n      immigrationFile {\n        stage\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeReferral($transferId: ID!) {\n    acknowledgeReferral(transferId: $transferId) {\n      id\n      reference\n      immigrationFile {\n        stage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignOfficer($caseId: ID!, $officerId: ID, $expectedVersion: Int) {\n    assignOfficer(caseId: $caseId, officerId: $officerId, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AssignOfficer($caseId: ID!, $officerId: ID, $expectedVersion: Int) {\n    assignOfficer(caseId: $caseId, officerId: $officerId, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdvanceStage($caseId: ID!, $to: ImmigrationStage!, $expectedVersion: Int) {\n    advanceStage(caseId: $caseId, to: $to, expectedVersion: $expectedVersion) {\n      id\n      immigrationFile {\n        stage\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdvanceStage($caseId: ID!, $to: ImmigrationStage!, $expectedVersion: Int) {\n    advanceStage(caseId: $caseId, to: $to, expectedVersion: $expectedVersion) {\n      id\n      immigrationFile {\n        stage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCheck($caseId: ID!, $kind: CheckKind!, $result: CheckResult!, $note: String, $expectedVersion: Int) {\n    recordCheck(caseId: $caseId, kind: $kind, result: $result, note: $note, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordCheck($caseId: ID!, $kind: CheckKind!, $result: CheckResult!, $note: String, $expectedVersion: Int) {\n    recordCheck(caseId: $caseId, kind: $kind, result: $result, note: $note, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleInterview($caseId: ID!, $at: DateTime!, $expectedVersion: Int) {\n    scheduleInterview(caseId: $caseId, at: $at, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScheduleInterview($caseId: ID!, $at: DateTime!, $expectedVersion: Int) {\n    scheduleInterview(caseId: $caseId, at: $at, expectedVersion: $expectedVersion) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordDecision(\n    $caseId: ID!\n    $outcome: DecisionOutcome!\n    $reasons: String\n    $citedChargeIds: [ID!]\n    $overrideNote: String\n    $expectedVersion: Int\n  ) {\n    recordDecision(\n      caseId: $caseId\n      outcome: $outcome\n      reasons: $reasons\n      citedChargeIds: $citedChargeIds\n      overrideNote: $overrideNote\n      expectedVersion: $expectedVersion\n    ) {\n      passesCap\n      warnings\n      case {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordDecision(\n    $caseId: ID!\n    $outcome: DecisionOutcome!\n    $reasons: String\n    $citedChargeIds: [ID!]\n    $overrideNote: String\n    $expectedVersion: Int\n  ) {\n    recordDecision(\n      caseId: $caseId\n      outcome: $outcome\n      reasons: $reasons\n      citedChargeIds: $citedChargeIds\n      overrideNote: $overrideNote\n      expectedVersion: $expectedVersion\n    ) {\n      passesCap\n      warnings\n      case {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordArrival($caseId: ID!, $arrivedAt: DateTime, $expectedVersion: Int) {\n    recordArrival(caseId: $caseId, arrivedAt: $arrivedAt, expectedVersion: $expectedVersion) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RecordArrival($caseId: ID!, $arrivedAt: DateTime, $expectedVersion: Int) {\n    recordArrival(caseId: $caseId, arrivedAt: $arrivedAt, expectedVersion: $expectedVersion) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InformationRequests($status: [InformationRequestStatus!], $caseId: ID, $first: Int!) {\n    informationRequests(filter: { status: $status, caseId: $caseId }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InformationRequests($status: [InformationRequestStatus!], $caseId: ID, $first: Int!) {\n    informationRequests(filter: { status: $status, caseId: $caseId }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RequestRow_request on InformationRequest {\n    id\n    version\n    status\n    question\n    answer\n    askedAt\n    answeredAt\n    case {\n      id\n      reference\n    }\n  }\n"): (typeof documents)["\n  fragment RequestRow_request on InformationRequest {\n    id\n    version\n    status\n    question\n    answer\n    askedAt\n    answeredAt\n    case {\n      id\n      reference\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestInformation($caseId: ID!, $question: String!) {\n    requestInformation(caseId: $caseId, question: $question) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RequestInformation($caseId: ID!, $question: String!) {\n    requestInformation(caseId: $caseId, question: $question) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IncomingTransfers($status: [TransferStatus!], $first: Int!) {\n    transfers(filter: { direction: INCOMING, status: $status }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IncomingTransfers($status: [TransferStatus!], $first: Int!) {\n    transfers(filter: { direction: INCOMING, status: $status }, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          ...TransferRow_transfer\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TransferRow_transfer on Transfer {\n    id\n    kind\n    status\n    createdAt\n    decidedAt\n    note\n    reason\n    from {\n      id\n      name\n    }\n    to {\n      id\n      name\n    }\n    case {\n      id\n      reference\n      urgency\n      status\n      size\n    }\n  }\n"): (typeof documents)["\n  fragment TransferRow_transfer on Transfer {\n    id\n    kind\n    status\n    createdAt\n    decidedAt\n    note\n    reason\n    from {\n      id\n      name\n    }\n    to {\n      id\n      name\n    }\n    case {\n      id\n      reference\n      urgency\n      status\n      size\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptTransfer($transferId: ID!) {\n    acceptTransfer(transferId: $transferId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptTransfer($transferId: ID!) {\n    acceptTransfer(transferId: $transferId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineTransfer($transferId: ID!, $reason: String!) {\n    declineTransfer(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineTransfer($transferId: ID!, $reason: String!) {\n    declineTransfer(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineSubmission($transferId: ID!, $reason: String!) {\n    declineSubmission(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineSubmission($transferId: ID!, $reason: String!) {\n    declineSubmission(transferId: $transferId, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DistributeCase($caseId: ID!, $to: DistributionTarget!, $note: String) {\n    distributeCase(caseId: $caseId, to: $to, note: $note) {\n      id\n      status\n      to {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DistributeCase($caseId: ID!, $to: DistributionTarget!, $note: String) {\n    distributeCase(caseId: $caseId, to: $to, note: $note) {\n      id\n      status\n      to {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DistributeCases($items: [DistributionInput!]!) {\n    distributeCases(items: $items) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DistributeCases($items: [DistributionInput!]!) {\n    distributeCases(items: $items) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OfferToUnhcr($caseId: ID!, $note: String) {\n    offerToUnhcr(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation OfferToUnhcr($caseId: ID!, $note: String) {\n    offerToUnhcr(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitToPd($caseId: ID!, $note: String) {\n    submitToPd(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitToPd($caseId: ID!, $note: String) {\n    submitToPd(caseId: $caseId, note: $note) {\n      id\n      status\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;