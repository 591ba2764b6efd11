/// Who runs a municipality's appointment service, as its legal pages name
/// them: the operating authority with its address and e-mail (Impressum)
/// and the data protection officer (Datenschutzerklärung, Art. 13 GDPR).
public struct MunicipalityContact: Hashable, Codable, Sendable {
    /// The data protection officer. Art. 13 asks for the officer's contact
    /// details, not a name: many authorities publish only a mailbox.
    public struct PrivacyOfficer: Hashable, Codable, Sendable {
        public var name: String?
        public var email: String

        public init(name: String? = nil, email: String) {
            self.name = name
            self.email = email
        }
    }

    /// The operating authority's name (`operator` in the catalogue file).
    public var operatorName: String
    public var address: Address
    public var email: String
    public var privacyOfficer: PrivacyOfficer

    public init(operatorName: String, address: Address, email: String, privacyOfficer: PrivacyOfficer) {
        self.operatorName = operatorName
        self.address = address
        self.email = email
        self.privacyOfficer = privacyOfficer
    }
}
