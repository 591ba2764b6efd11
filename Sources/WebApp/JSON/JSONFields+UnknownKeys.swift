extension JSONFields {
    /// Reports every member not in `known`. Request bodies ignore unknown
    /// members (clients may be newer); a file an admin wrote refuses them,
    /// since a misspelt key would otherwise fall back to a default unseen.
    public func refuseUnknownKeys(_ known: Set<String>) {
        for key in object.keys where !known.contains(key) { fail(key, "is not a known key") }
    }
}
