import Scheduling
import Synchronization

/// Says whether an answer about availability is still the answer.
///
/// Every availability answer comes with a stamp: the office's write version
/// read before its data, and the instant the allocator says the answer
/// changes by the clock alone (`SlotAllocator.nextChange`). The answer stays
/// true until a committed write at the office bumps the version, or the
/// clock reaches that instant — so whoever keeps an answer (a rendered
/// response, say) can reuse it without ever serving a stale one.
public struct AvailabilityStamp: Sendable, Hashable {
    let officeId: OfficeID
    let version: UInt64
    public let validUntil: Instant
}

final class AvailabilityVersions: Sendable {
    /// Bumped after every committed write that touches an office's capacity.
    private let versions = Mutex<[OfficeID: UInt64]>([:])
    /// Bumped after a catalogue change: rules or closures may differ anywhere.
    private let catalogueVersion = Mutex<UInt64>(0)

    func stamp(_ officeId: OfficeID, validUntil: Instant) -> AvailabilityStamp {
        AvailabilityStamp(officeId: officeId, version: version(of: officeId), validUntil: validUntil)
    }

    /// Read before the data an answer is computed from: a write in between
    /// then only makes the stamp stale sooner, never wrong.
    func version(of officeId: OfficeID) -> UInt64 {
        let office = versions.withLock { $0[officeId] ?? 0 }
        return office &+ catalogueVersion.withLock { $0 } << 32
    }

    func isCurrent(_ stamp: AvailabilityStamp, now: Instant) -> Bool {
        now < stamp.validUntil && version(of: stamp.officeId) == stamp.version
    }

    /// After a committed write at `officeId`.
    func invalidate(_ officeId: OfficeID) {
        versions.withLock { $0[officeId, default: 0] &+= 1 }
    }

    func invalidateAll() {
        catalogueVersion.withLock { $0 &+= 1 }
    }
}
