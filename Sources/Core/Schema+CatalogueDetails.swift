extension Schema {
    /// What the catalogue file holds beyond the planner's needs: a service's
    /// FIM/LeiKa key, a municipality's retention days and the contact of
    /// its legal pages, an office's mailbox. Each is optional but the
    /// retention days, which start at the default for municipalities made
    /// before. The contact is all its required columns or none, as a rule's
    /// location is; the privacy officer's name may be missing on its own.
    static let catalogueDetails = """
        ALTER TABLE services ADD COLUMN leika_key TEXT
            CHECK (leika_key IS NULL OR (length(leika_key) = 14 AND leika_key NOT GLOB '*[^0-9]*'));
        ALTER TABLE municipalities ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 14
            CHECK (retention_days BETWEEN 1 AND 365);
        ALTER TABLE municipalities ADD COLUMN contact_operator TEXT;
        ALTER TABLE municipalities ADD COLUMN contact_street TEXT;
        ALTER TABLE municipalities ADD COLUMN contact_postal_code TEXT;
        ALTER TABLE municipalities ADD COLUMN contact_city TEXT;
        ALTER TABLE municipalities ADD COLUMN contact_email TEXT;
        ALTER TABLE municipalities ADD COLUMN privacy_officer_name TEXT;
        ALTER TABLE municipalities ADD COLUMN privacy_officer_email TEXT;
        ALTER TABLE offices ADD COLUMN mailbox TEXT;
        """
}
