/// Why a telephone number as typed is not one (`Contact.phoneProblem`):
/// each says what to fix, so the page can tell the citizen more than
/// "enter a number".
public enum PhoneProblem: String, Error, Sendable, Equatable, CaseIterable {
    /// Fewer than 6 digits, country code included: no number anywhere.
    case tooShort
    /// More than 15 digits, country code included: E.164's limit.
    case tooLong
    /// A letter (`0471 TAXI`, `O471` for `0471`).
    case letters
    /// Something other than digits, spaces and `+ ( ) / - .`.
    case character
    /// A `+` after the start: it only stands for the international prefix.
    case plusNotFirst
    /// Neither a leading 0 nor a country code: a local number without its
    /// area code (`590 2000`), which cannot be dialled from elsewhere.
    case noAreaCode

    /// What the JSON API says of it (`contact.phone`).
    public var message: String {
        switch self {
        case .tooShort: "has too few digits for a telephone number, e.g. 0471 590-2000"
        case .tooLong: "has more than 15 digits"
        case .letters: "must not contain letters"
        case .character: "may contain only digits, spaces and + ( ) / - ."
        case .plusNotFirst: "may have a + only at the start, for the country code"
        case .noAreaCode: "must start with the area code (0471 …) or the country code (+49 …)"
        }
    }
}
