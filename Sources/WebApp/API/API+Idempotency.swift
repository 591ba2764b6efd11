import Core
import HTTPServer

/// `Idempotency-Key` on the `POST`s that create (docs/api.md).
extension API {
    /// The request's key with the fingerprint of what makes a retry "the
    /// same": the operation, the caller and the body. The caller is part of
    /// it, so another account reusing a key does not get this caller's
    /// answer. Nil without the header; 422 for a malformed key.
    static func idempotencyKey(of request: HTTPRequest, account: Account?, operation: String) throws -> IdempotencyKey? {
        guard let key = request.headers["Idempotency-Key"] else { return nil }
        guard FieldFormat.idempotencyKey.matches(key) else {
            throw Problem.invalidValue("Idempotency-Key", FieldFormat.idempotencyKey.message)
        }
        let fingerprint = Crypto.sha256(Array("\(operation)\n\(account?.id ?? 0)\n".utf8) + request.body)
        return IdempotencyKey(key: key, fingerprint: fingerprint)
    }
}
