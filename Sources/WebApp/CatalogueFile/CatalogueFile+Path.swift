import Core
import Foundation

/// A catalogue file on disk, read the one way `terminbuch catalogue
/// import` and the demo's seed both read it.
extension CatalogueFile {
    /// Why the file at a path cannot be used: it cannot be read, or it is
    /// refused for what it holds (every problem, as `read` finds them).
    public enum Unusable: Error, Sendable, CustomStringConvertible {
        case unreadable(path: String)
        case refused(path: String, InvalidCatalogue)

        public var description: String {
            switch self {
            case .unreadable(let path): "cannot read \(path)"
            case .refused(let path, let invalid): "\(path) is refused, nothing was written:\n\(invalid)"
            }
        }
    }

    public static func read(contentsOf path: String) throws(Unusable) -> CatalogueDocument {
        guard let contents = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        do { return try read(Array(contents)) } catch { throw .refused(path: path, error) }
    }
}
