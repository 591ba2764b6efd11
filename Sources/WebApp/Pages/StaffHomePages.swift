import Booking
import HTTPServer
import Scheduling
import Templating

/// Where office staff and administrators start after sign-in: their
/// offices, each with how many callbacks and memos wait, and the booking
/// search. Administrators see every office and the agent console too.
extension Pages {
    static let staffHomePath = "/dienst"
    static let officeRoles: Set<Account.Role> = [.staff, .admin]

    static func officeInboxPath(_ officeId: String, _ kind: OfficeInbox.Kind) -> String {
        "\(staffHomePath)/\(officeId)/\(kind.rawValue)"
    }

    func registerStaffHome(on builder: RouterBuilder) {
        get(builder, Self.staffHomePath, roles: Self.officeRoles) { page, account in
            let catalogue = try catalogue()
            let offices = try offices(of: account, catalogue: catalogue).map { office -> TemplateValue in
                let callbacks = try callCentre.callbacks(office: office.id, status: .open).count
                let memos = try callCentre.memos(office: office.id, status: .open).count
                return [
                    "name": .string(office.name),
                    "address": .string(office.address.singleLine),
                    // The office's day (schedule, desk, walk-ins) lives at /dienst/{officeId}.
                    "dayHref": .string("\(Self.staffHomePath)/\(office.id)"),
                    "callbacksHref": .string(Self.officeInboxPath(office.id, .callbacks)),
                    "callbacks": .string(page.texts.format("staffHome.openCallbacks", ["count": String(callbacks)])),
                    "memosHref": .string(Self.officeInboxPath(office.id, .memos)),
                    "memos": .string(page.texts.format("staffHome.openMemos", ["count": String(memos)])),
                ]
            }
            let values: TemplateValue = [
                "offices": .list(offices),
                "consoleHref": account.role == .admin ? .string(Self.consolePath) : .null,
                "searchAction": .string(Self.bookingsPath),
            ]
            return try render("pages/staff-home", values, page)
        }
    }
}
