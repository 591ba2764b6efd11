import Core
import HTTPServer
import Scheduling
import Templating

/// The calendar subscription on the office's page: staff create a secret
/// feed address (shown once, right after creating it) or revoke them all.
extension DeskPages {
    func registerFeeds(on builder: RouterBuilder) {
        pages.staffPost(builder, "/dienst/:officeId/kalender-abo") { page, _, office in
            let token = try feeds.createToken(office: office.id, caller: page.identity.caller)
            var values = try frame(office, date: try date(page, office), page: page)
            values.set("feeds", try feedValues(office, page: page, newPath: API.feedPath(token)))
            return try render("desk/feed-created", values, page)
        }
        pages.staffPost(builder, "/dienst/:officeId/kalender-abo/widerrufen") { page, _, office in
            try feeds.revokeTokens(office: office.id)
            return pages.redirect(Self.link(office.id, "tagesplan", [("date", try date(page, office).description)]))
        }
    }

    /// The feed section: how many addresses are live, the forms, and the new
    /// address when one was just made.
    func feedValues(_ office: Office, page: PageRequest, newPath: String?) throws -> TemplateValue {
        let feeds = try feeds.list(office: office.id)
        return [
            "count": .string(page.texts.format("desk.feeds.count", ["count": String(feeds.count)])),
            "hasFeeds": .bool(!feeds.isEmpty),
            "newPath": TemplateValue(newPath),
            "createAction": .string(Self.link(office.id, "kalender-abo")),
            "revokeAction": .string(Self.link(office.id, "kalender-abo/widerrufen")),
        ]
    }
}
