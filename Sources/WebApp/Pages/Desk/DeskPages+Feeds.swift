import Core
import HTTPServer
import Scheduling
import Templating

/// The calendar subscription on the office's page: staff create a secret
/// feed address (shown once, right after creating it), renew the live ones
/// for another year before they expire, or revoke them all.
extension DeskPages {
    func registerFeeds(on builder: RouterBuilder) {
        pages.staffPost(builder, "/dienst/:officeId/kalender-abo") { page, account, office in
            let new = try feeds.createToken(office: office.id, for: account)
            var values = try frame(office, date: try date(page, office), page: page)
            values.set("feeds", try feedValues(office, page: page, newPath: API.feedPath(new.token)))
            return try render("desk/feed-created", values, page)
        }
        pages.staffPost(builder, "/dienst/:officeId/kalender-abo/verlaengern") { page, _, office in
            try feeds.renewTokens(office: office.id)
            return pages.redirect(Self.link(office.id, "tagesplan", [("date", try date(page, office).description)]))
        }
        pages.staffPost(builder, "/dienst/:officeId/kalender-abo/widerrufen") { page, _, office in
            try feeds.revokeTokens(office: office.id)
            return pages.redirect(Self.link(office.id, "tagesplan", [("date", try date(page, office).description)]))
        }
    }

    /// The feed section: how many addresses are live and when the first of
    /// them expires, the forms, and the new address when one was just made
    /// (its path for the link, in full for a calendar program to paste, and
    /// as `webcal://` to subscribe on a click). Without a public URL the
    /// address is the one this browser used, which other machines may not
    /// reach: the page says so, and never offers a bare path as the address.
    func feedValues(_ office: Office, page: PageRequest, newPath: String?) throws -> TemplateValue {
        let feeds = try feeds.list(office: office.id)
        let firstExpiry = feeds.map(\.expiresAt).min()
        return [
            "count": .string(page.texts.format("desk.feeds.count", ["count": String(feeds.count)])),
            "hasFeeds": .bool(!feeds.isEmpty),
            "expires": TemplateValue(try firstExpiry.map {
                page.texts.format("desk.feeds.expires", ["date": try officeFormat(page, office).date(of: $0)])
            }),
            "newPath": TemplateValue(newPath),
            "newURL": TemplateValue(newPath.map { pages.links.link($0, answering: page.http) }.flatMap { $0.hasPrefix("/") ? nil : $0 }),
            "newWebcal": TemplateValue(newPath.flatMap { pages.links.subscription($0, answering: page.http) }),
            "withoutPublicURL": .bool(pages.links.publicURL == nil),
            "createAction": .string(Self.link(office.id, "kalender-abo")),
            "renewAction": .string(Self.link(office.id, "kalender-abo/verlaengern")),
            "revokeAction": .string(Self.link(office.id, "kalender-abo/widerrufen")),
        ]
    }
}
