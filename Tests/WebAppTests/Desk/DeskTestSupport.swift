import Core
import Foundation
import HTTPServer
import Scheduling
import WebApp
import XCTest

/// Accounts and sessions for the desk's role tests, on the page test app
/// (demo data, clock standing on Monday 16 November 2026, 07:30).
extension PageTestApp {
    /// A session token of the demo account `username`, or of a new staff
    /// account of `office` when no such account exists yet.
    func session(_ username: String, staffOf office: OfficeID? = nil) throws -> String {
        let accounts = application.useCases.accounts
        if let office, try accounts.all().first(where: { $0.username == username }) == nil {
            try accounts.create(username: username, displayName: username, password: "secret-\(username)", role: .staff,
                                officeIds: [office])
        }
        let account = try XCTUnwrap(try accounts.all().first { $0.username == username })
        return try accounts.startSession(for: account).token
    }

    /// Sends a request straight to the router, with the bearer token if any.
    func send(_ method: HTTPMethod, _ target: String, bearer: String? = nil, json: String? = nil) throws -> (status: Int, body: String, headers: HTTPHeaders) {
        var headers: HTTPHeaders = ["Host": "localhost"]
        if let bearer { headers.add("Authorization", "Bearer " + bearer) }
        if json != nil { headers.add("Content-Type", "application/json") }
        let request = HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: Array((json ?? "").utf8))
        let response = try application.router.respond(to: request)
        let bytes: [UInt8]
        switch response.body {
        case .bytes(let value): bytes = value
        case .chunks(let chunks): bytes = chunks.flatMap { $0 }
        }
        return (response.status.code, String(decoding: bytes, as: UTF8.self), response.headers)
    }

    /// A booking at `time` on the test Monday, made a week earlier.
    func bookMonday(_ time: String, person: Int) throws -> BookingCode {
        let now = clock.now()
        clock.set(Self.at("12:00", on: "2026-11-09"))
        defer { clock.set(now) }
        return try bookElsewhere(Self.at(time), person: person).booking.code
    }
}
