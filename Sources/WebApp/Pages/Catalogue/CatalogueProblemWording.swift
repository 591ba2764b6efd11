import Templating

/// The catalogue file's reader says what is wrong in English
/// (`must be from 1 to 1440`), for files and the API; a form says it in
/// the page's language. The reader's few kinds of message are read here
/// once, ranges and limits taken from them, so the numbers stay the
/// reader's; what matches none of them is shown as the reader said it.
enum CatalogueProblemWording {
    static func message(_ problem: String, field: CatalogueFormField?, _ texts: TextCatalogue) -> String {
        let euros: Bool
        if case .euros? = field?.kind { euros = true } else { euros = false }
        if problem == "is required" || problem == "must not be empty" { return texts.text("catalogue.error.required") }
        if let (from, to) = range(in: problem) {
            guard euros else { return texts.format("catalogue.error.range", ["from": String(from), "to": String(to)]) }
            return texts.format("catalogue.error.euroRange", ["from": CatalogueFormField.euros(from), "to": CatalogueFormField.euros(to)])
        }
        if problem.hasPrefix("must be an integer") || problem == "must be a whole number" {
            return texts.text(euros ? "catalogue.error.euros" : "catalogue.error.wholeNumber")
        }
        if let maximum = number(after: "must be at most ", before: " characters long", in: problem) {
            return texts.format("catalogue.error.tooLong", ["maximum": String(maximum)])
        }
        if problem.hasPrefix("must be 1 to 64 lowercase letters") { return texts.text("catalogue.error.identifier") }
        if problem.hasPrefix("must be a time like") { return texts.text("catalogue.error.time") }
        if problem.hasPrefix("must be an e-mail address") { return texts.text("catalogue.error.email") }
        if problem.hasPrefix("must be the 14 digits") { return texts.text("catalogue.error.leikaKey") }
        if problem.hasPrefix("must be one of") || problem.hasPrefix("is no Land code") || problem.hasPrefix("names no municipality") {
            return texts.text("catalogue.error.choice")
        }
        if problem.hasPrefix("is no time zone") { return texts.text("catalogue.error.timeZone") }
        if problem.hasPrefix("repeats the id") { return texts.text("catalogue.error.exists") }
        if problem == "is offered by no office" { return texts.text("catalogue.error.offeredNowhere") }
        return texts.format("catalogue.error.other", ["problem": problem])
    }

    /// `from` and `to` of "must be from 1 to 1440" and "must be a whole number from 1 to 1440".
    private static func range(in problem: String) -> (Int64, Int64)? {
        guard let fromIndex = problem.range(of: "from ")?.upperBound, let toIndex = problem.range(of: " to ")  else { return nil }
        guard let from = Int64(problem[fromIndex..<toIndex.lowerBound]), let to = Int64(problem[toIndex.upperBound...]) else { return nil }
        return (from, to)
    }

    private static func number(after prefix: String, before suffix: String, in problem: String) -> Int64? {
        guard problem.hasPrefix(prefix), problem.hasSuffix(suffix) else { return nil }
        return Int64(problem.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
