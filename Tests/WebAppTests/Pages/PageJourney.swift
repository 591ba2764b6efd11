import Scheduling
import Foundation
import XCTest

/// The steps of a booking as a citizen clicks through them, for the tests
/// that need to get somewhere first.
extension PageBrowser {
    static let service: ServiceID = "personalausweis"
    static let office: OfficeID = "buergerbuero-mitte"

    /// Start → office → quantity: the day page.
    func daysPage(office: OfficeID = PageBrowser.office, quantity: Int = 1) throws -> Page {
        let offices = try get("/termin/\(Self.service)/standort")
        XCTAssertEqual(offices.status, 200)
        let quantities = try follow(try submit(offices, "/termin/\(Self.service)/standort", [("office", office.rawValue)]))
        XCTAssertEqual(quantities.status, 200)
        let days = try follow(try submit(quantities, "/termin/\(Self.service)/anzahl", [("quantity", String(quantity))]))
        XCTAssertEqual(days.status, 200)
        return days
    }

    /// Start → office → quantity → day: the times of `date`.
    func timesPage(date: String = PageTestApp.monday, quantity: Int = 1, office: OfficeID = PageBrowser.office) throws -> Page {
        let days = try daysPage(office: office, quantity: quantity)
        guard let link = days.links.first(where: { $0.contains("/zeit?") && $0.contains("date=\(date)") }) else {
            XCTFail("no link to \(date) on the day page")
            return days
        }
        return try get(link)
    }

    /// … → the time `start` (RFC 3339, as the radio's value) → your details.
    func detailsPage(start: String? = nil, date: String = PageTestApp.monday,
                     office: OfficeID = PageBrowser.office) throws -> (Page, String) {
        let times = try timesPage(date: date, office: office)
        let chosen = start ?? times.radioValues("start")[0]
        let details = try follow(try submit(times, "/termin/\(Self.service)/zeit", [("start", chosen)]))
        XCTAssertEqual(details.status, 200)
        return (details, chosen)
    }

    /// … → details → check your answers.
    func checkPage(name: String = "Erika Mustermann", email: String = "erika@example.de", phone: String = "",
                   start: String? = nil, date: String = PageTestApp.monday,
                   office: OfficeID = PageBrowser.office) throws -> Page {
        let (details, _) = try detailsPage(start: start, date: date, office: office)
        let check = try submit(details, "/termin/\(Self.service)/angaben", [("name", name), ("email", email), ("phone", phone)])
        XCTAssertEqual(check.status, 200)
        return check
    }

    /// The whole booking: the confirmation page, its code and manage link.
    func book(email: String = "erika@example.de", start: String? = nil, date: String = PageTestApp.monday,
              office: OfficeID = PageBrowser.office) throws -> (page: Page, code: String, manage: String) {
        let check = try checkPage(email: email, start: start, date: date, office: office)
        let confirmation = try follow(try submit(check, "/termin/\(Self.service)/buchen"))
        XCTAssertEqual(confirmation.status, 200, confirmation.html)
        let code = matches(#"<strong class="panel__code">([^<]*)</strong>"#, in: confirmation.html).first?[0] ?? ""
        let manage = matches(#"<a href="([^"]*)" class="manage-link">"#, in: confirmation.html).first.map { unescape($0[0]) } ?? ""
        return (confirmation, code, manage)
    }
}
