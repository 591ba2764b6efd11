/// What citizens read of a service in one language: its name, what it is,
/// what to bring. German is the catalogue's own language; every other
/// language is a `ServiceTranslation` read through `Service.texts(in:)`.
public struct ServiceTexts: Hashable, Codable, Sendable {
    public var name: String
    public var description: String
    public var documents: [String]

    public init(name: String, description: String, documents: [String]) {
        self.name = name
        self.description = description
        self.documents = documents
    }
}

/// A service's texts in a language other than German. A field left nil has
/// not been translated and is read in German, so a half-translated service
/// shows its English name next to its German documents rather than nothing.
public struct ServiceTranslation: Hashable, Codable, Sendable {
    public var name: String?
    public var description: String?
    public var documents: [String]?

    public init(name: String? = nil, description: String? = nil, documents: [String]? = nil) {
        self.name = name
        self.description = description
        self.documents = documents
    }
}

extension Service {
    /// The language the catalogue is written in, and that every other
    /// falls back to.
    public static let catalogueLanguage = "de"

    /// The service's texts in `language` (a code such as `en`), field by
    /// field from its translation, and in German where it has none.
    public func texts(in language: String) -> ServiceTexts {
        let translation = translations[language]
        return ServiceTexts(name: translation?.name ?? name, description: translation?.description ?? description,
                            documents: translation?.documents ?? documents)
    }
}
