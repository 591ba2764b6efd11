import Core
import HTTPServer
import Scheduling
import Templating

/// The citizen's own rights on the manage page (Art. 15, 17 DSGVO):
/// `/termin/verwalten/{code}/daten` downloads everything stored about the
/// booking as JSON (the API's `PersonalData`), `/loeschen` asks whether to
/// erase it now — saying that an upcoming appointment is cancelled first —
/// and its POST erases and leads back to the manage page (Post/Redirect/Get:
/// Back and Reload ask nothing again), which then shows the erased state.
/// The token travels as on the other manage pages: the booking's cookie,
/// the form's hidden field on POST.
extension Pages {
    func registerPersonalData(on builder: RouterBuilder) {
        manageGet(builder, "/termin/verwalten/:code/daten") { page in
            let (booking, token) = try managed(page)
            let data = try bookings.personalData(booking.code, for: .citizen(manageToken: token))
            var headers = SecurityHeaders.forSecrets
            headers.set("Content-Disposition", "attachment; filename=\"termin-\(booking.code.value).json\"")
            return .json(Representations.personalData(data, in: try zone(booking.officeId)), headers: headers, reservingCapacity: 4096)
        }
        manageGet(builder, "/termin/verwalten/:code/loeschen") { page in
            let (booking, token) = try managed(page)
            guard !booking.isErased else { throw PageFailure.redirect(Self.managePath(booking.code)) }
            var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
            let format = page.format(in: try zone(booking.officeId))
            if bookings.isChangeable(booking) {
                values.set("cancelsFirst", .string(page.texts.format("erase.cancelsFirst", ["when": format.dateAndTime(booking.start)])))
            }
            values.set("action", .string(Self.managePath(booking.code, "/loeschen")))
            values.set("hidden", [["name": "token", "value": .string(token)]])
            values.set("backHref", .string(Self.managePath(booking.code)))
            return try render("pages/erase", values, page, secret: true)
        }
        post(builder, "/termin/verwalten/:code/loeschen") { page in
            let (booking, token) = try managed(page)
            _ = try bookings.erasePersonalData(booking.code, for: .citizen(manageToken: token))
            return manageRedirect(Self.managePath(booking.code), booking.code, token: token)
        }
    }
}
