/// Where citizens go for an appointment: an office's own address, or the
/// place an opening rule sends them to (a mobile office's hours in a
/// library branch). Named, because "Am Leher Markt 1" alone does not say
/// which door.
public struct Location: Hashable, Codable, Sendable {
    public var name: String
    public var address: Address

    public init(name: String, address: Address) {
        self.name = name
        self.address = address
    }

    /// One line for pages, exports and calendar entries:
    /// "Stadtbibliothek Leherheide, Am Leher Markt 1, 27578 Bremerhaven".
    public var singleLine: String { "\(name), \(address.singleLine)" }
}
