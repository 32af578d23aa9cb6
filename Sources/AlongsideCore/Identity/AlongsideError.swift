/// The things that can go wrong in Alongside's own rules that belong to no one area: a record that is not
/// there, a role that does not allow the action, too many attempts. Problems with what was asked for are
/// each area's own `DomainProblem` (`StaffProblem`, `WardProblem`…). The web layer words every one and
/// chooses its status; no sentence is made here.
public enum AlongsideError: Error, Equatable, Sendable {
    case notFound(RecordKind)
    case forbidden
    case tooManyAttempts(retryAfterMinutes: Int)
}

/// The kinds of record a person can ask for and not find.
public enum RecordKind: String, CaseIterable, Sendable {
    case account, communityResource, connection, consent, conversation, coordinator, council, entry
    case groupOrActivity, helpRequest, language, merge, openAPIDocument, organization, person, practiceItem
    case programme, proxy, report, request, resource, service, serviceAtLocation, staffMember, step, story
    case taxonomy, taxonomyTerm, unreadableID, volunteer, ward
}
