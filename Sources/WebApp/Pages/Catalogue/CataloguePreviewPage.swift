import Core
import HTTPServer
import Scheduling
import Templating

/// The page before saving a catalogue change: what it adds, changes and
/// removes, the bookings it would put on the "to contact" list, and the
/// office's week under it (`pages/partials/catalogue-week`); then "Save"
/// with what was typed, or "Back to the form" with it.
extension Pages {
    func previewPage<Form>(_ context: CatalogueItemContext<Form>, _ preview: CatalogueAdministration.Preview, saveAction: String,
                           removing: Bool) throws -> HTTPResponse {
        let page = context.page
        let texts = page.texts
        let changes = preview.outcome.changes.items.map { item -> TemplateValue in
            .string(texts.format("catalogue.preview.line." + item.action.rawValue, [
                "what": texts.format("catalogue.preview.subject.\(Self.textKey(item.subject))", ["id": item.id]),
                "fields": Self.fieldWords(item, texts),
            ]))
        }
        let stranded = try preview.outcome.stranded.map { affected -> TemplateValue in
            let booking = affected.booking
            return [
                "code": .string(booking.code.value),
                "when": .string(page.format(in: try zone(booking.officeId)).dateAndTime(booking.start)),
                "office": .string(context.visible.offices.first { $0.office.id == booking.officeId }?.office.name ?? booking.officeId.rawValue),
                "name": .string(page.contactName(of: booking)),
            ]
        }
        let values: TemplateValue = [
            "heading": .string(texts.text(removing ? "catalogue.preview.removeHeading" : "catalogue.preview.heading")),
            "hasChanges": .bool(!changes.isEmpty), "changes": .list(changes),
            "hasStranded": .bool(!stranded.isEmpty), "stranded": .list(stranded),
            "strandedCount": .string(texts.format("catalogue.preview.strandedCount", ["count": String(stranded.count)])),
            "week": preview.week.map { weekValue($0, texts) } ?? .null,
            "saveAction": .string(saveAction),
            "saveLabel": .string(texts.text(removing ? "catalogue.preview.remove" : "catalogue.preview.save")),
            // Removing posts nothing typed: back is the form as it is.
            "backAction": removing ? .null : .string(context.formPath),
            "backHref": .string(PageLink.make(context.formPath, [("lang", page.language)])),
            "hidden": .list(context.postedValues.pairs.map { ["name": .string($0.0), "value": .string($0.1)] }),
        ]
        return try render("pages/admin-catalogue-preview", values, page, here: context.formPath)
    }

    /// `pages/partials/catalogue-week`'s values: per day its bands, or why it is closed.
    func weekValue(_ week: WeekPreview, _ texts: TextCatalogue) -> TemplateValue {
        let format = CitizenFormat(texts: texts, zone: .utc)
        return ["days": .list(week.days.map { day in
            [
                "date": .string(format.date(day.date)),
                "closure": TemplateValue(day.closure),
                "closed": .bool(day.closure == nil && day.bands.isEmpty),
                "bands": .list(day.bands.map { band in
                    [
                        "hours": .string(texts.format("officeChanges.band", ["from": band.band.start.description, "to": band.band.end.description])),
                        "kind": .string(texts.text("catalogue.week.kinds.\(band.kind.rawValue)")),
                        "slots": .string(band.closedSlots > 0
                            ? texts.format("catalogue.week.slotsClosed", ["slots": String(band.slots), "closed": String(band.closedSlots)])
                            : String(band.slots)),
                        "counters": TemplateValue(band.counters), "walkInReserve": TemplateValue(band.walkInReserve),
                        "phoneReserve": TemplateValue(band.phoneReserve), "bookable": TemplateValue(band.bookable),
                    ]
                }),
            ]
        })]
    }

    private static func textKey(_ subject: CatalogueChanges.Item.Subject) -> String {
        switch subject {
        case .municipality: "municipality"
        case .service: "service"
        case .office: "office"
        case .offering: "offering"
        case .rule: "rule"
        case .closure: "closure"
        }
    }
}
