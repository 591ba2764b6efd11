import Core
import HTTPServer
import Scheduling
import Templating

/// `/verwaltung/protokoll`: the catalogue's audit trail for administrators,
/// latest first: when, who (or an import on the command line), and each
/// item added, changed or removed with the fields that changed; then the
/// changes of accounts (made, disabled, enabled, a new password). A scoped
/// admin reads what concerns its municipalities only (`trail(for:)`,
/// `events(for:)`).
extension Pages {
    static let catalogueAuditPath = "/verwaltung/protokoll"

    func registerCatalogueAudit(on builder: RouterBuilder) {
        get(builder, Self.catalogueAuditPath, roles: Self.catalogueRoles) { page, admin in
            // The trail spans offices; Terminbuch's offices are German, in one zone.
            let format = page.format(in: .europeBerlin)
            let catalogue = try catalogue()
            let revisions = try useCases.catalogueAdministration.trail(for: admin).map { revision -> TemplateValue in
                [
                    "id": .string("revision-\(revision.id)"),
                    "when": .string(format.dateAndTime(revision.madeAt)),
                    "who": .string(revision.madeBy.map { page.texts.format("catalogue.audit.byAdmin", ["username": $0]) }
                        ?? page.texts.text("catalogue.audit.byImport")),
                    "items": changeLines(revision.items, page, catalogue: catalogue),
                    // A whole import lists every item: folded, it leaves the trail readable.
                    "folded": revision.items.count > 10
                        ? .string(page.texts.format("catalogue.audit.itemCount", ["count": String(revision.items.count)])) : .null,
                ]
            }
            let accountEvents = try accounts.events(for: admin).map { event -> TemplateValue in
                [
                    "id": .string("account-event-\(event.id)"),
                    "when": .string(format.dateAndTime(event.madeAt)),
                    "who": .string(event.madeBy.map { page.texts.format("catalogue.audit.byAdmin", ["username": $0]) }
                        ?? page.texts.text("catalogue.audit.byCommandLine")),
                    "text": .string(page.texts.format("catalogue.audit.account.\(event.action.rawValue)", ["username": event.account.username])),
                ]
            }
            return try render("pages/catalogue-audit", ["revisions": .list(revisions), "hasRevisions": .bool(!revisions.isEmpty),
                                                        "accountEvents": .list(accountEvents), "hasAccountEvents": .bool(!accountEvents.isEmpty)],
                              page, here: Self.catalogueAuditPath)
        }
    }
}
