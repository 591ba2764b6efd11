@testable import Core
import Foundation
import Scheduling
import XCTest
@testable import WebApp

/// Callbacks and memos as the retention sweep leaves them (texts empty,
/// `erased_at` set): the office's pages say "(Daten gelöscht)" instead of
/// empty fields (one erased before anyone closed it is no longer open),
/// the API answers them with `erasedAt`, neither fails.
final class ErasedCallCentreItemsTests: XCTestCase {
    func testErasedItemsShowAsErasedOnThePagesAndInTheAPI() throws {
        let app = try PageTestApp()
        let callCentre = app.useCases.callCentre
        let agent = try XCTUnwrap(try app.useCases.accounts.account(username: "agent"))
        let staff = try XCTUnwrap(try app.useCases.accounts.account(username: "staff-mitte"))
        let kept = try callCentre.requestCallback(CallbackOrder(officeId: "buergerbuero-mitte", name: "Bleibt Erhalten",
                                                               phone: "0471 123456", topic: "Ausweis", note: "noch da"), by: agent).value
        let callback = try callCentre.requestCallback(CallbackOrder(officeId: "buergerbuero-mitte", name: "Erika Gelöscht",
                                                                   phone: "0471 654321", topic: "Reisepass", note: "Rückfrage"), by: agent).value
        _ = try callCentre.markCallbackDone(id: callback.id, note: nil, by: staff)
        let memo = try callCentre.leaveMemo(MemoOrder(officeId: "buergerbuero-mitte", subject: "Umzug", text: "Neue Adresse",
                                                      contact: "0471 1234"), by: agent).value
        let erasedAt = PageTestApp.at("08:00")
        try app.application.store.write { db in
            try db.run("UPDATE callback_requests SET name = '', phone = '', topic = '', note = '', erased_at = ? WHERE id = ?",
                       [erasedAt.secondsSinceEpoch, callback.id])
            try db.run("UPDATE memos SET subject = '', text = '', contact = NULL, erased_at = ? WHERE id = ?",
                       [erasedAt.secondsSinceEpoch, memo.id])
        }

        let browser = PageBrowser(app)
        browser.cookies["__Host-terminbuch-session"] = try app.session("staff-mitte")
        let callbacks = try browser.get("/dienst/buergerbuero-mitte/rueckrufe")
        XCTAssertEqual(callbacks.status, 200)
        XCTAssertTrue(callbacks.contains(#"<h3 class="inbox-item__title">(Daten gelöscht)</h3>"#), callbacks.html)
        XCTAssertTrue(callbacks.contains("Bleibt Erhalten – Ausweis"), "a kept one as it was")
        XCTAssertFalse(callbacks.contains("<strong>Telefon:</strong> </p>"), "no empty fields")
        XCTAssertTrue(callbacks.contains("Erledigt von staff-mitte"), "who closed it stays")
        let memos = try browser.get("/dienst/buergerbuero-mitte/vermerke?lang=en")
        XCTAssertEqual(memos.status, 200)
        XCTAssertTrue(memos.contains(#"<h3 class="inbox-item__title">(data erased)</h3>"#), memos.html)
        // Erased before anyone marked it done: no longer open, nothing left to mark done.
        XCTAssertTrue(memos.contains("<h2>Erased without being done</h2>"), memos.html)
        XCTAssertTrue(memos.contains("Nothing open."), memos.html)
        XCTAssertFalse(memos.contains("/vermerke/\(memo.id)/erledigt"), memos.html)
        XCTAssertFalse(callbacks.contains("Ohne Erledigung gelöscht"), "one closed before it was erased is done")
        let home = try browser.get("/dienst")
        XCTAssertTrue(home.contains("Memos: 0 open"), home.html)
        XCTAssertTrue(home.contains("Callbacks: 1 open"), home.html)

        let token = try app.session("staff-mitte")
        let listed = try app.send(.get, "/api/v1/offices/buergerbuero-mitte/callbacks", bearer: token)
        XCTAssertEqual(listed.status, 200, listed.body)
        let items = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [String: Any])?["callbacks"]
                                  as? [[String: Any]], listed.body)
        XCTAssertEqual(items.map { $0["id"] as? String }, [kept.id, callback.id])
        XCTAssertNil(items[0]["erasedAt"], "kept: no erasedAt")
        XCTAssertEqual(items[1]["erasedAt"] as? String, "2026-11-16T08:00:00+01:00")
        XCTAssertEqual(items[1]["name"] as? String, "")
        let memoList = try app.send(.get, "/api/v1/offices/buergerbuero-mitte/memos", bearer: token)
        XCTAssertEqual(memoList.status, 200, memoList.body)
        XCTAssertTrue(memoList.body.contains(#""erasedAt":"2026-11-16T08:00:00+01:00""#), memoList.body)
        XCTAssertFalse(memoList.body.contains("Neue Adresse"))
    }
}
