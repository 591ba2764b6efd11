extension Schema {
    /// A service's name, description and documents in languages other than
    /// German. A NULL name or description, or a language with no document
    /// rows, is read in German (`Service.texts(in:)`); a service with no row
    /// here is German only.
    static let serviceTranslations = """
        CREATE TABLE service_translations(
            service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
            language TEXT NOT NULL CHECK (language <> 'de'),
            name TEXT,
            description TEXT,
            PRIMARY KEY (service_id, language)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE service_translated_documents(
            service_id TEXT NOT NULL,
            language TEXT NOT NULL,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (service_id, language, position),
            FOREIGN KEY (service_id, language) REFERENCES service_translations(service_id, language) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;
        """
}
