import Core

/// An account as administrators see it (docs/api.md, "Accounts"): never its password.
extension Representations {
    static func account(_ account: Account) -> JSONValue {
        .object([
            "username": .string(account.username),
            "displayName": .string(account.displayName),
            "role": .string(account.role.rawValue),
            "officeIds": .array(account.officeIds.sorted().map(JSONValue.string)),
            "municipalityIds": .array(account.municipalityIds.sorted().map(JSONValue.string)),
            "disabled": .bool(account.isDisabled),
        ])
    }
}
