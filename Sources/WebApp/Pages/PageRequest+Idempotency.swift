import Core

extension PageRequest {
    /// The idempotency key of a form that creates something (a booking, a
    /// ticket, a callback): the form's hidden `idempotencyKey`, drawn when
    /// the form was shown, with the fingerprint of what makes a second post
    /// of it "the same": the page's path, who is signed in, and the form's
    /// fields without the CSRF token and the language (a reload or the
    /// language switch may change those, the request stays the same). Nil
    /// when the form carries no well-formed key: the write is then made.
    var idempotencyKey: IdempotencyKey? {
        guard let key = field("idempotencyKey"), FieldFormat.opaqueId.matches(key) else { return nil }
        let ignored: Set<String> = [CSRF.fieldName, "lang", "languageSwitch"]
        var request = Array(http.path.utf8) + [0] + Array(String(identity.account?.id ?? 0).utf8)
        for (name, value) in formFields where !ignored.contains(name) {
            // Length-prefixed, so no value can pass for a field boundary.
            for part in [name, value] { request += Array("\n\(part.utf8.count):".utf8) + Array(part.utf8) }
        }
        return IdempotencyKey(key: "page:" + key, fingerprint: Crypto.sha256(request))
    }
}
