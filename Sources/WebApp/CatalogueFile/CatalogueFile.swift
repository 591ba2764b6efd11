import Core

/// The catalogue file (docs/catalogue.md, Public/schema/catalogue.schema.json):
/// the JSON text of a `CatalogueDocument`. Reading refuses a file whole,
/// with every problem as `path: message`; writing is stable, keys and ids
/// in sorted order, so the same catalogue is always the same bytes.
public enum CatalogueFile {
    /// The `version` this code reads and writes.
    public static let version = 1

    /// The document in `bytes`, or every problem of the file: its JSON
    /// syntax, then types and ranges, then `CatalogueDocument.problems`.
    public static func read(_ bytes: [UInt8]) throws(InvalidCatalogue) -> CatalogueDocument {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw InvalidCatalogue([CatalogueProblem(path: "", message: "is not JSON: \(error)")])
        }
        guard value.objectValue != nil else {
            throw InvalidCatalogue([CatalogueProblem(path: "", message: "must be a JSON object, not \(value.kindDescription)")])
        }
        switch JSONFields.decode(value, document) {
        case .failure(let errors):
            throw InvalidCatalogue(errors.errors.map { CatalogueProblem(path: $0.field, message: $0.message) })
        case .success(let document):
            let problems = document.problems
            guard problems.isEmpty else { throw InvalidCatalogue(problems) }
            return document
        }
    }

    public static func write(_ document: CatalogueDocument) -> [UInt8] {
        JSONWriter.pretty(json(document.sorted))
    }
}
