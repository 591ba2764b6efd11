/// The id of an office, a service or a municipality: the catalogue's
/// string (`buergerbuero-mitte`), typed by what it names, so an office's id
/// cannot be passed where a service's is meant. The kind is a phantom: no
/// value of it is stored.
public struct Identifier<Kind>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, RawRepresentable,
    ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public typealias OfficeID = Identifier<Office>
public typealias ServiceID = Identifier<Service>
public typealias MunicipalityID = Identifier<Municipality>
