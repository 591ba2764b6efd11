import Core
import HTTPServer
import Scheduling
import Templating

/// `/verwaltung/protokoll`: the catalogue's audit trail for administrators,
/// latest first: when, who (or an import on the command line), and each
/// item added, changed or removed with the fields that changed. A scoped
/// admin reads the items of its municipalities only (`trail(for:)`).
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
            return try render("pages/catalogue-audit", ["revisions": .list(revisions), "hasRevisions": .bool(!revisions.isEmpty)],
                              page, here: Self.catalogueAuditPath)
        }
    }
}
