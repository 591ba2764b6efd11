import Foundation

/// The process's resident memory and open descriptors, read from
/// `/proc/self` at each scrape; nil where the file system does not tell.
struct ProcessFigures {
    let residentBytes: Int?
    let openFiles: Int?

    static func read() -> ProcessFigures {
        // statm: size resident shared … in pages.
        let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let residentPages = statm?.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        let openFiles = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        return ProcessFigures(residentBytes: residentPages.map { $0 * Int(sysconf(Int32(_SC_PAGESIZE))) },
                              openFiles: openFiles.map { $0 - 1 })  // less the descriptor that read the directory
    }
}
