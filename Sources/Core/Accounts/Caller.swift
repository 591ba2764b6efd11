import Scheduling

/// Who is acting, which decides the channel (anonymous = online,
/// agent = phone, office staff = desk) and what is written into the record.
public struct Caller: Sendable, Hashable {
    public let channel: Channel
    /// The account's username, recorded as `createdBy`; nil for citizens.
    public let username: String?
    /// The account's id, recorded with every change it makes (audit).
    public let accountId: Int64?

    public init(channel: Channel, username: String? = nil, accountId: Int64? = nil) {
        self.channel = channel
        self.username = username
        self.accountId = accountId
    }

    public static let citizen = Caller(channel: .online)

    /// Someone signed in (an agent, clerk or admin), who may learn what a
    /// citizen may not: an existing booking's code, whom a change was made for.
    public var isSignedIn: Bool { username != nil }
}
