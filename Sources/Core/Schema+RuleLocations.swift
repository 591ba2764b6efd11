extension Schema {
    /// An opening rule may send citizens to a place of its own (a mobile
    /// office's hours in a library branch): a name and an address, all four
    /// columns or none. Rules made before have none and stay at their
    /// office's address.
    static let ruleLocations = """
        ALTER TABLE opening_rules ADD COLUMN location_name TEXT;
        ALTER TABLE opening_rules ADD COLUMN location_street TEXT;
        ALTER TABLE opening_rules ADD COLUMN location_postal_code TEXT;
        ALTER TABLE opening_rules ADD COLUMN location_city TEXT;
        """
}
