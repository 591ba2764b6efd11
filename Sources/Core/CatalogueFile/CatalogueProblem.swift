/// One thing wrong with a catalogue file, at the path of the value
/// (`offices[2].rules[0].band`) in the file as it was read.
public struct CatalogueProblem: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A catalogue refused whole, with every problem found.
public struct InvalidCatalogue: Error, Sendable, CustomStringConvertible {
    public var problems: [CatalogueProblem]

    public init(_ problems: [CatalogueProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
