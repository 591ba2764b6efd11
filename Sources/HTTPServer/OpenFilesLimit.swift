import Foundation
import Glibc

/// The process's limit on open files (RLIMIT_NOFILE) is a limit on
/// connections: every one is a descriptor. Many systems start processes with
/// a soft limit of 1024 and a far higher hard limit, which a server may raise
/// itself — as Go's runtime, nginx (`worker_rlimit_nofile`) and systemd's
/// services do — so 1,000 slow clients cannot use up what is left for others.
public enum OpenFilesLimit {
    public struct Change: Sendable, Equatable {
        public let from: UInt64
        public let to: UInt64
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotRead(Int32)
        case cannotRaise(from: UInt64, to: UInt64, Int32)

        public var description: String {
            switch self {
            case .cannotRead(let code):
                "cannot read the open-files limit: \(String(cString: strerror(code)))"
            case .cannotRaise(let from, let to, let code):
                "cannot raise the open-files limit from \(from) to \(to): \(String(cString: strerror(code)))"
            }
        }
    }

    /// The soft limit now in force.
    public static var current: UInt64 {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 0 }
        return UInt64(limit.rlim_cur)
    }

    /// Raises the soft limit to the hard limit (an unlimited hard limit means
    /// the kernel's `fs.nr_open`); nil when it already was there.
    @discardableResult
    public static func raiseToHardLimit() throws(Failure) -> Change? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { throw .cannotRead(errno) }
        var target = limit.rlim_max
        if target == rlim_t.max { target = rlim_t(kernelMaximum() ?? 1 << 20) }  // RLIM_INFINITY
        guard limit.rlim_cur < target else { return nil }
        let from = UInt64(limit.rlim_cur)
        limit.rlim_cur = target
        guard setrlimit(resource, &limit) == 0 else { throw .cannotRaise(from: from, to: UInt64(target), errno) }
        return Change(from: from, to: UInt64(target))
    }

    private static var resource: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }

    /// `/proc/sys/fs/nr_open`: no process may have more descriptors.
    private static func kernelMaximum() -> UInt64? {
        guard let file = fopen("/proc/sys/fs/nr_open", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 32)
        guard fgets(&line, Int32(line.count), file) != nil else { return nil }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
