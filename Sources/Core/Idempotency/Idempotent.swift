/// What an idempotent write answers: the value it made now, or the value a
/// first request with the same key made (and nothing was written this
/// time). Both carry the same typed value, so the caller answers a retry
/// exactly as it answered the first request.
public enum Idempotent<Made: Sendable>: Sendable {
    case made(Made)
    case replayed(Made)

    /// The value, made now or replayed.
    public var value: Made {
        switch self {
        case .made(let value), .replayed(let value): value
        }
    }

    public var isReplayed: Bool {
        if case .replayed = self { true } else { false }
    }
}

extension Idempotent: Equatable where Made: Equatable {}

/// An idempotency key and the fingerprint of the request it came with. Each
/// door makes the fingerprint of what makes two of its requests "the same"
/// in one place (the API: operation, caller and body; the pages: path,
/// account and form fields).
public struct IdempotencyKey: Sendable {
    public let key: String
    public let fingerprint: [UInt8]

    public init(key: String, fingerprint: [UInt8]) {
        self.key = key
        self.fingerprint = fingerprint
    }
}
