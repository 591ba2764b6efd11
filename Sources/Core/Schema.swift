import SQLite

/// The schema, as an ordered list of migrations. Shipped migrations are
/// never edited; a change is a new migration at the end.
///
/// Instants are stored as integer seconds since the epoch, local dates as
/// `YYYY-MM-DD`, local times as `HH:MM`, sets as comma-separated lists.
enum Schema {
    static let migrator: Migrator = {
        var migrator = Migrator()
        migrator.register("v1-catalogue") { try $0.execute(catalogue) }
        migrator.register("v2-bookings") { try $0.execute(bookings) }
        migrator.register("v3-accounts") { try $0.execute(accounts) }
        migrator.register("v4-audit") { try $0.execute(audit) }
        migrator.register("v5-callcentre") { try $0.execute(callCentre) }
        migrator.register("v6-desk") { try $0.execute(desk) }
        migrator.register("v7-office-changes") { try $0.execute(officeChanges) }
        migrator.register("v8-hold-limits") { try $0.execute(holdLimits) }
        migrator.register("v9-feed-expiry") { try $0.execute(feedExpiry) }
        migrator.register("v10-contact-keys", contactKeys)
        migrator.register("v11-service-translations") { try $0.execute(serviceTranslations) }
        migrator.register("v12-account-disabling") { try $0.execute(accountDisabling) }
        migrator.register("v13-rule-locations") { try $0.execute(ruleLocations) }
        migrator.register("v14-catalogue-revisions") { try $0.execute(catalogueRevisions) }
        migrator.register("v15-catalogue-details") { try $0.execute(catalogueDetails) }
        migrator.register("v16-account-events") { try $0.execute(accountEvents) }
        migrator.register("v17-mail") { try $0.execute(mail) }
        migrator.register("v18-retention") { try $0.execute(retention) }
        return migrator
    }()

    static let catalogue = """
        CREATE TABLE municipalities(
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL
        ) STRICT;
        CREATE TABLE offices(
            id TEXT PRIMARY KEY,
            municipality_id TEXT NOT NULL REFERENCES municipalities(id),
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('citizensOffice', 'vehicleRegistration', 'drivingLicence', 'mobile')),
            street TEXT NOT NULL,
            postal_code TEXT NOT NULL,
            city TEXT NOT NULL,
            land TEXT NOT NULL,
            time_zone TEXT NOT NULL DEFAULT 'Europe/Berlin',
            observes_public_holidays INTEGER NOT NULL DEFAULT 1,
            min_notice_minutes INTEGER NOT NULL,
            horizon_days INTEGER NOT NULL,
            release_time TEXT NOT NULL,
            hold_minutes INTEGER NOT NULL,
            cancel_cooldown_minutes INTEGER NOT NULL,
            max_active_bookings_per_contact INTEGER NOT NULL,
            phone_release_hours INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE services(
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            base_minutes INTEGER NOT NULL CHECK (base_minutes > 0),
            minutes_per_extra_unit INTEGER NOT NULL CHECK (minutes_per_extra_unit >= 0),
            max_quantity INTEGER NOT NULL CHECK (max_quantity >= 1),
            fee_cents INTEGER NOT NULL CHECK (fee_cents >= 0)
        ) STRICT;
        CREATE TABLE service_documents(
            service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (service_id, position)
        ) STRICT;
        CREATE TABLE office_services(
            office_id TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
            service_id TEXT NOT NULL REFERENCES services(id),
            channels TEXT NOT NULL,
            PRIMARY KEY (office_id, service_id)
        ) STRICT;
        CREATE TABLE opening_rules(
            id TEXT PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
            weekdays TEXT NOT NULL,
            band_start TEXT NOT NULL,
            band_end TEXT NOT NULL,
            valid_from TEXT,
            valid_until TEXT,
            repeat_every_weeks INTEGER NOT NULL DEFAULT 1 CHECK (repeat_every_weeks >= 1),
            counters INTEGER NOT NULL CHECK (counters >= 0),
            slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
            walk_in_share REAL,
            walk_in_counters INTEGER,
            kind TEXT NOT NULL CHECK (kind IN ('mixed', 'appointmentsOnly', 'walkInOnly')),
            service_ids TEXT,
            phone_reserve INTEGER NOT NULL DEFAULT 0 CHECK (phone_reserve >= 0)
        ) STRICT;
        CREATE TABLE closures(
            id TEXT PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
            from_date TEXT NOT NULL,
            through_date TEXT NOT NULL,
            band_start TEXT,
            band_end TEXT,
            reason TEXT NOT NULL
        ) STRICT;
        """

    /// Bookings and holds are what the allocator counts; `slot_usage` keeps
    /// the booked count per slot under a CHECK, so even a bug above could not
    /// commit more appointments into a slot than it has counters.
    static let bookings = """
        CREATE TABLE bookings(
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            office_id TEXT NOT NULL REFERENCES offices(id),
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'pendingConfirmation', 'cancelled', 'checkedIn', 'noShow', 'completed')),
            channel TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'desk')),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL CHECK (end > start),
            local_date TEXT NOT NULL,
            staff_override INTEGER NOT NULL DEFAULT 0,
            contact_name TEXT NOT NULL,
            contact_email TEXT,
            contact_phone TEXT,
            contact_key TEXT NOT NULL,
            note TEXT,
            manage_token_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT,
            updated_at INTEGER NOT NULL
        ) STRICT;
        -- Covers the allocator's occupancy query, so it never visits the table.
        CREATE INDEX bookings_by_office_and_start ON bookings(office_id, start, end, status, channel, staff_override);
        CREATE INDEX bookings_by_contact ON bookings(office_id, contact_key, start);
        CREATE TABLE booking_services(
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            service_id TEXT NOT NULL REFERENCES services(id),
            quantity INTEGER NOT NULL CHECK (quantity >= 1),
            position INTEGER NOT NULL,
            PRIMARY KEY (booking_id, service_id)
        ) STRICT;
        CREATE TABLE holds(
            id TEXT PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            channel TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL CHECK (end > start),
            services TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX holds_by_office_and_start ON holds(office_id, start);
        CREATE TABLE booking_slots(
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            slot_start INTEGER NOT NULL,
            PRIMARY KEY (booking_id, slot_start)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE cooldowns(
            id INTEGER PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            channel TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL CHECK (end > start),
            until INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX cooldowns_by_office_and_start ON cooldowns(office_id, start);
        CREATE TABLE slot_usage(
            office_id TEXT NOT NULL REFERENCES offices(id),
            slot_start INTEGER NOT NULL,
            booked INTEGER NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (office_id, slot_start),
            CHECK (booked >= 0 AND booked <= total)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE idempotency_keys(
            key_hash BLOB PRIMARY KEY,
            request_hash BLOB NOT NULL,
            status INTEGER NOT NULL,
            sealed_body BLOB NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;
        """

    static let accounts = """
        CREATE TABLE accounts(
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent', 'staff', 'admin')),
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE account_scopes(
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            office_id TEXT REFERENCES offices(id),
            municipality_id TEXT REFERENCES municipalities(id),
            CHECK ((office_id IS NULL) != (municipality_id IS NULL))
        ) STRICT;
        CREATE INDEX account_scopes_by_account ON account_scopes(account_id);
        CREATE TABLE sessions(
            token_hash BLOB PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL
        ) STRICT;
        """
}
