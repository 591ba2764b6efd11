import Core
import Foundation
import HTTPServer
import XCTest

/// Signing in through the pages, and the accounts the demo lacks: an agent
/// of Lübeck only and a clerk of Bürgerbüro Nord, to test the boundaries.
extension PageBrowser {
    /// Signs in through the form, as a browser does; the answer is the 303 to the start page.
    @discardableResult
    func signIn(_ username: String, password: String = "demo", file: StaticString = #filePath, line: UInt = #line) throws -> Page {
        if csrf.isEmpty { _ = try get("/anmelden") }
        let answer = try post("/anmelden", [("username", username), ("password", password)])
        XCTAssertEqual(answer.status, 303, String(answer.html.prefix(400)), file: file, line: line)
        return answer
    }

    var sessionToken: String? { cookies["__Host-terminbuch-session"].flatMap { $0.isEmpty ? nil : $0 } }
}

extension PageTestApp {
    static let luebeckAgent = "agent-luebeck"
    static let nordStaff = "staff-nord"

    /// Creates the agent of Lübeck and the clerk of Bürgerbüro Nord (password `demo`).
    func addBoundaryAccounts() throws {
        try application.useCases.accounts.create(username: Self.luebeckAgent, displayName: "Agent Lübeck", password: "demo",
                                        role: .agent, municipalityIds: ["luebeck"])
        try application.useCases.accounts.create(username: Self.nordStaff, displayName: "Bürgerbüro Nord", password: "demo",
                                        role: .staff, officeIds: ["buergerbuero-nord"])
    }

    /// A browser signed in as `username`.
    func browser(signedInAs username: String) throws -> PageBrowser {
        let browser = PageBrowser(self)
        try browser.signIn(username)
        return browser
    }

    /// Sends a request to the router as it comes (for the JSON API beside the pages).
    func send(_ method: HTTPMethod, _ target: String, json: String) throws -> HTTPResponse {
        let headers: HTTPHeaders = ["Host": "localhost", "Content-Type": "application/json"]
        return try application.router.respond(to: HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers),
                                                              body: Array(json.utf8)))
    }
}

extension PageBrowser.Page {
    /// Catalogue keys of the console and office pages that came through untranslated.
    var untranslatedKeys: [String] {
        let areas = "signedIn|signIn|console|readBack|bookings|booking|history|onBehalf|catalogueAnswers|callbackForm|notes|memoForm|staffHome|inbox|forbidden|accounts|catalogue|officeChanges"
        return matches(#"[>\s"]((?:\#(areas))\.[a-z][A-Za-z.]*)[<\s"]"#, in: html).map { $0[0] }
    }
}

/// A test class of the administrators' pages: a fresh demo app and the
/// demo admin signed in, for each test.
class AdminPageTestCase: XCTestCase {
    var app: PageTestApp!
    var admin: PageBrowser!

    override func setUpWithError() throws {
        app = try PageTestApp()
        admin = try app.browser(signedInAs: "admin")
    }

    override func tearDown() {
        admin = nil
        app = nil
    }

    /// A browser signed in as `hl-admin`, an admin scoped to Lübeck.
    func luebeckAdmin() throws -> PageBrowser {
        try app.useCases.accounts.add(username: "hl-admin", displayName: nil, password: "long-enough-1", role: .admin,
                                      municipalityIds: ["luebeck"])
        let scoped = PageBrowser(app)
        try scoped.signIn("hl-admin", password: "long-enough-1")
        return scoped
    }
}
