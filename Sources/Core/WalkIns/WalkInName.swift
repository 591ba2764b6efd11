/// The name a walk-in visitor may give at the desk, so the clerk can call
/// them by it instead of by number. Optional, and kept only until the end
/// of its day (the retention sweep erases it then), so it is all a ticket
/// holds of a person: one line of text as `FieldText` allows, trimmed,
/// nothing at all when only spaces were typed.
public enum WalkInName {
    /// Enough for a given and a family name; more is no name to call out.
    public static let maximumLength = 80

    /// The name as stored: trimmed, nil when empty; refused (field `name`)
    /// when too long or holding what no name holds.
    static func checked(_ text: String?) throws -> String? {
        guard let name = text?.trimmingSpaces(), !name.isEmpty else { return nil }
        if name.unicodeScalars.count > maximumLength {
            throw BookingError.invalid(field: "name", message: "must be at most \(maximumLength) characters long")
        }
        if let message = FieldText.problemInLine(name) { throw BookingError.invalid(field: "name", message: message) }
        return name
    }
}
