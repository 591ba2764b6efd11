import Scheduling
/// A signed-in person's account: agents of the call centre, staff of
/// offices, administrators. Citizens have none.
public struct Account: Hashable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        /// Books for callers (phone channel) in the municipalities they serve.
        case agent
        /// Runs the day at their offices (desk channel).
        case staff
        /// Administers accounts: everywhere, or only in its municipalities (a scoped admin).
        case admin
    }

    public let id: Int64
    public let username: String
    public let displayName: String
    public let role: Role
    /// Offices a staff member works at.
    public let officeIds: Set<OfficeID>
    /// Municipalities an agent answers for, or a scoped admin administers.
    public let municipalityIds: Set<MunicipalityID>
    /// A disabled account cannot sign in and has no sessions; an admin may enable it again.
    public let isDisabled: Bool
}
