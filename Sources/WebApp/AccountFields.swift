import Core

extension Accounts.AdministrationError {
    /// The field of the account form (and of the API's body) a mistake is
    /// about, so pages show it next to that field and problems name it; nil
    /// for an answer about the account as a whole.
    var field: String? {
        switch self {
        case .invalidUsername, .usernameTaken: "username"
        case .invalidDisplayName: "displayName"
        case .passwordTooShort: "password"
        case .unknownOffice: "officeIds"
        case .unknownMunicipality: "municipalityIds"
        case .scopeDoesNotFitRole: "role"
        case .unknownUser, .forbidden, .disablingYourself: nil
        }
    }
}
