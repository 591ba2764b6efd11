import Core

/// One sign-in, the same through the API and the sign-in page: the
/// throttle's word first, then the password check in its fair turn, and
/// every outcome counted.
extension SignInThrottle {
    enum Outcome {
        case signedIn(Account)
        /// Unknown username or wrong password (which one is not said).
        case wrong
        /// Throttled: try again after this many seconds.
        case wait(seconds: Int)
        /// No password check came free in time: try again in a second.
        case busy
    }

    func attempt(client: String, username: String, verify: () throws -> Account?) throws -> Outcome {
        if let wait = retryAfter(client: client, username: username) { return .wait(seconds: wait) }
        let verified: Account?
        do {
            verified = try queue.run(client: client, standing: recentFailures(client: client), verify)
        } catch is SignInQueue.Busy, is PasswordHasher.Busy {  // the latter: slots taken by other hashing
            recordBusy(client: client)
            return .busy
        }
        guard let account = verified else {
            recordFailure(client: client, username: username)
            return .wrong
        }
        recordSuccess(client: client, username: username)
        return .signedIn(account)
    }
}
