import Core
import HTTPServer
import Scheduling
import Templating

/// The office staff's pages of the call centre's work: their start page
/// (below) and each office's callbacks and memos — the open ones, each with
/// a form "mark done with a note" (POST, CSRF), and the done ones below,
/// with who closed them, when and with what note. One whose texts the
/// retention sweep erased says so instead of showing empty fields. Staff
/// of other offices get the 403 page.
enum OfficeInbox {
    enum Kind: String, CaseIterable {
        case callbacks = "rueckrufe", memos = "vermerke"

        /// The text keys' part: `inbox.callbacks.heading`.
        var key: String { self == .callbacks ? "callbacks" : "memos" }
    }

    /// One callback or memo as the list shows it.
    struct Item {
        let id: String
        let title: String
        let facts: [(String, String)]
        let text: String
        let createdBy: String
        let createdAt: Instant
        let completion: Completion?
        var isErased = false

        /// The same item once the sweep erased its texts: that it was, instead
        /// of empty fields, and who filed and closed it when.
        func erased(_ texts: TextCatalogue) -> Item {
            Item(id: id, title: texts.text("inbox.erased"), facts: [], text: "", createdBy: createdBy, createdAt: createdAt,
                 completion: completion, isErased: true)
        }

        /// Erased before anyone marked it done (`RetentionRules.callCentreItemLatestDays`
        /// after it was filed): nobody can act on it any more, so it is not open.
        var lapsed: Bool { isErased && completion == nil }
    }
}

extension Pages {
    func registerOfficeInbox(on builder: RouterBuilder) {
        for kind in OfficeInbox.Kind.allCases {
            staffGet(builder, Self.staffHomePath + "/:officeId/" + kind.rawValue) { page, account, office in
                try inboxPage(page, officeId: office.id, kind: kind, account: account, errors: FormErrors())
            }
            staffPost(builder, Self.staffHomePath + "/:officeId/" + kind.rawValue + "/:id/erledigt") { page, account, office in
                let officeId = office.id
                let id = page.parameter("id")
                let note = (page.form["note"] ?? "").trimmedSpaces
                do {
                    switch kind {
                    case .callbacks: _ = try callCentre.markCallbackDone(id: id, note: note.isEmpty ? nil : note, by: account)
                    case .memos: _ = try callCentre.markMemoDone(id: id, note: note.isEmpty ? nil : note, by: account)
                    }
                } catch CallCentreError.notFound {
                    throw PageFailure.notFound
                } catch CallCentreError.notAllowed {
                    throw PageFailure.forbidden
                } catch CallCentreError.alreadyDone {
                    // Someone else was quicker: the list shows it as done, by whom.
                } catch CallCentreError.invalid {
                    var errors = FormErrors()
                    errors.add("note-\(id)", page.texts.text("inbox.error.note"))
                    return try inboxPage(page, officeId: officeId, kind: kind, account: account, errors: errors)
                }
                return redirect(PageLink.make(Self.officeInboxPath(officeId, kind), [("erledigt", "1")]))
            }
        }
    }

    private func inboxPage(_ page: PageRequest, officeId: OfficeID, kind: OfficeInbox.Kind, account: Account,
                           errors: FormErrors) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let texts = page.texts
        let format = page.format(in: try zone(officeId))
        let items: [OfficeInbox.Item]
        switch kind {
        case .callbacks:
            items = try callCentre.callbacks(office: officeId, for: account).map { callback in
                var facts = [(texts.text("inbox.phone"), callback.phone)]
                if let service = callback.serviceId.flatMap(catalogue.service) {
                    facts.append((texts.text("inbox.service"), service.texts(in: page.language).name))
                }
                if let window = callback.preferredTime {
                    facts.append((texts.text("inbox.window"), texts.format("inbox.windowValue", [
                        "date": format.date(of: window.from), "from": format.time(window.from), "to": format.time(window.to)])))
                }
                let item = OfficeInbox.Item(id: callback.id, title: callback.name + " – " + callback.topic, facts: facts,
                                            text: callback.note, createdBy: callback.createdBy, createdAt: callback.createdAt,
                                            completion: callback.completion)
                return callback.erasedAt == nil ? item : item.erased(texts)
            }
        case .memos:
            items = try callCentre.memos(office: officeId, for: account).map { memo in
                let item = OfficeInbox.Item(id: memo.id, title: memo.subject,
                                            facts: memo.contact.map { [(texts.text("inbox.contact"), $0)] } ?? [],
                                            text: memo.text, createdBy: memo.createdBy, createdAt: memo.createdAt,
                                            completion: memo.completion)
                return memo.erasedAt == nil ? item : item.erased(texts)
            }
        }
        let row: (OfficeInbox.Item) -> TemplateValue = { item in
            [
                "id": .string(item.id),
                "title": .string(item.title),
                "facts": TemplateValue(item.facts) { ["key": .string($0.0), "value": .string($0.1)] },
                "text": .string(item.text),
                "filed": .string(texts.format("inbox.filed", ["who": item.createdBy, "when": format.dateAndTime(item.createdAt)])),
                "done": TemplateValue(item.completion.map { texts.format("inbox.doneBy", [
                    "who": $0.doneBy, "when": format.dateAndTime($0.doneAt)]) }),
                "doneNote": TemplateValue(item.completion?.note),
                "action": .string(Self.officeInboxPath(officeId, kind) + "/\(item.id)/erledigt"),
                "noteError": TemplateValue(errors.message(for: "note-\(item.id)")),
            ]
        }
        let open = items.filter { $0.completion == nil && !$0.lapsed }, done = items.filter { $0.completion != nil }.reversed()
        let lapsed = items.filter(\.lapsed)
        let values: TemplateValue = [
            "heading": .string(texts.format("inbox.\(kind.key).heading", ["office": catalogue.office(officeId)?.name ?? officeId.rawValue])),
            "kind": .string(kind.key),
            "banner": page.field("erledigt") != nil && !page.isPost ? .string(texts.text("inbox.markedDone")) : .null,
            "open": .list(open.map(row)),
            "noOpen": .bool(open.isEmpty),
            "done": .list(done.map(row)),
            "noDone": .bool(done.isEmpty),
            "lapsed": .list(lapsed.map(row)),
            "hasLapsed": .bool(!lapsed.isEmpty),
            "lapsedNote": .string(texts.format("inbox.lapsedNote", ["days": String(RetentionRules.callCentreItemLatestDays)])),
            "otherHref": .string(Self.officeInboxPath(officeId, kind == .callbacks ? .memos : .callbacks)),
            "otherLabel": .string(texts.text("inbox.\(kind == .callbacks ? "memos" : "callbacks").link")),
            "homeHref": .string(Self.staffHomePath),
        ]
        return try render("pages/staff-inbox", values, page, status: errors.isEmpty ? .ok : .unprocessableContent, errors: errors,
                          here: Self.officeInboxPath(officeId, kind))
    }
}

/// Where office staff and administrators start after sign-in: their
/// offices, each with how many callbacks and memos wait, and the booking
/// search. Administrators see every office and the agent console too.
extension Pages {
    static let staffHomePath = "/dienst"
    static let officeRoles = Account.Role.allowed(to: .runDay)

    static func officeInboxPath(_ officeId: OfficeID, _ kind: OfficeInbox.Kind) -> String {
        "\(staffHomePath)/\(officeId)/\(kind.rawValue)"
    }

    func registerStaffHome(on builder: RouterBuilder) {
        get(builder, Self.staffHomePath, roles: Self.officeRoles) { page, account in
            let catalogue = try catalogue()
            let offices = try offices(of: account, catalogue: catalogue).map { office -> TemplateValue in
                // One erased before anyone closed it waits for nobody (`OfficeInbox.Item.lapsed`).
                let callbacks = try callCentre.callbacks(office: office.id, status: .open, for: account).filter { $0.erasedAt == nil }.count
                let memos = try callCentre.memos(office: office.id, status: .open, for: account).filter { $0.erasedAt == nil }.count
                let undelivered = try outbox.undeliveredCount(office: office.id, for: account)
                return [
                    "name": .string(office.name),
                    "address": .string(office.address.singleLine),
                    // The office's day (schedule, desk, walk-ins) lives at /dienst/{officeId}.
                    "dayHref": .string("\(Self.staffHomePath)/\(office.id)"),
                    "callbacksHref": .string(Self.officeInboxPath(office.id, .callbacks)),
                    "callbacks": .string(page.texts.format("staffHome.openCallbacks", ["count": String(callbacks)])),
                    "memosHref": .string(Self.officeInboxPath(office.id, .memos)),
                    "memos": .string(page.texts.format("staffHome.openMemos", ["count": String(memos)])),
                    // Shown only when there are some: e-mails whose citizens staff should call.
                    "undelivered": undelivered > 0 ? .string(page.texts.format("staffHome.undelivered", ["count": String(undelivered)])) : .null,
                    "undeliveredHref": .string(Self.officePath(office.id, "nicht-zugestellt")),
                    // Closures, counters, the list to contact, statistics (OfficeChangePages).
                    "officeLinks": officeLinks(office.id, page),
                ]
            }
            let values: TemplateValue = [
                "offices": .list(offices),
                "consoleHref": account.may(.useConsole) ? .string(Self.consolePath) : .null,
                "accountsHref": account.may(.administerAccounts) ? .string(Self.accountsPath) : .null,
                "catalogueHref": account.may(.administerCatalogue) ? .string(Self.cataloguePath) : .null,
                "searchAction": .string(Self.bookingsPath),
            ]
            return try render("pages/staff-home", values, page)
        }
    }
}
