import Scheduling

/// Where each role may act: the one place the scopes of agents, staff and
/// administrators are decided. The call centre's use cases, the API and the
/// pages all ask here, so a page and its endpoint cannot disagree.
extension Account {
    /// Runs the day at `officeId` (desk, schedule, exports, the office's
    /// callbacks and memos): its own staff and administrators.
    public func runs(office officeId: String) -> Bool {
        switch role {
        case .admin: true
        case .staff: officeIds.contains(officeId)
        case .agent: false
        }
    }

    /// Answers the phone for `office` (books for callers, files callbacks
    /// and memos): agents of its municipality and administrators.
    public func answersCalls(for office: Office) -> Bool {
        switch role {
        case .admin: true
        case .agent: municipalityIds.contains(office.municipalityId)
        case .staff: false
        }
    }

    /// Acts for a caller at `office` (books, looks up, changes a booking,
    /// takes notes): whoever runs its day or answers its calls.
    public func acts(for office: Office) -> Bool {
        runs(office: office.id) || answersCalls(for: office)
    }
}
