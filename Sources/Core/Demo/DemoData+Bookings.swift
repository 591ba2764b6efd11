import Scheduling

/// A handful of appointments on the next bookable days, so that the desk's
/// schedule and the agent's search have something to show right away. They
/// are made through `Bookings.book`, the use case every channel uses,
/// so they obey every rule real ones do. Names are invented; e-mail
/// addresses use the reserved `example.*` domains.
extension DemoData {
    struct DemoBooking {
        let officeId: OfficeID
        let serviceId: ServiceID
        var quantity = 1
        let channel: Channel
        let contact: Contact
        var note: String? = nil
        /// Which of the office's next days with a free start (0 = the first).
        let day: Int
        /// Where in that day's free starts, from 0 (first) to 1 (last).
        let position: Double
    }

    static let demoBookings: [DemoBooking] = [
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "personalausweis", channel: .online,
                    contact: Contact(name: "Anna Schmidt", email: "anna.schmidt@example.org"), day: 0, position: 0.1),
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "reisepass", quantity: 2, channel: .phone,
                    contact: Contact(name: "Mehmet Yılmaz", phone: "0471 92681140"),
                    note: "Reisepässe für Vater und Tochter (15 Jahre); Mutter kommt mit.", day: 0, position: 0.3),
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "wohnsitz-anmelden", quantity: 3, channel: .online,
                    contact: Contact(name: "Jens Petersen", email: "j.petersen@example.net"), day: 0, position: 0.5),
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "anwohnerparkausweis", channel: .desk,
                    contact: Contact(name: "Sabine Krüger", phone: "0471 3095517"), day: 0, position: 0.8),
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "personalausweis", channel: .online,
                    contact: Contact(name: "Lukas Becker", email: "lukas.becker@example.com"), day: 1, position: 0.2),
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "fuehrungszeugnis", channel: .online,
                    contact: Contact(name: "Olga Nowak", email: "olga.nowak@example.org"), day: 1, position: 0.6),
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "meldebescheinigung", channel: .phone,
                    contact: Contact(name: "Heinz Dreyer", phone: "+49 471 2004418"),
                    note: "Kommt mit Rollator, bitte Schalter im Erdgeschoss.", day: 1, position: 0.4),
        DemoBooking(officeId: "buergerbuero-mitte", serviceId: "reisepass", channel: .online,
                    contact: Contact(name: "Fatma Demir", email: "fatma.demir@example.de"), day: 2, position: 0.5),
        DemoBooking(officeId: "buergerbuero-nord", serviceId: "personalausweis", channel: .online,
                    contact: Contact(name: "Karin Wilke", email: "karin.wilke@example.org"), day: 0, position: 0.5),
        DemoBooking(officeId: "buergerbuero-nord", serviceId: "wohnsitz-abmelden", channel: .phone,
                    contact: Contact(name: "Piotr Zieliński", phone: "0151 23456789"), day: 1, position: 0.3),
        DemoBooking(officeId: "kfz-zulassung", serviceId: "kfz-zulassung-neu", channel: .online,
                    contact: Contact(name: "Thomas Meyer", email: "t.meyer@example.com"), day: 0, position: 0.4),
        DemoBooking(officeId: "kfz-zulassung", serviceId: "kfz-abmeldung", quantity: 2, channel: .phone,
                    contact: Contact(name: "Birgit Hansen", phone: "0471 8099231"), day: 1, position: 0.7),
        DemoBooking(officeId: "fuehrerscheinstelle", serviceId: "fuehrerschein-umtausch", channel: .online,
                    contact: Contact(name: "Gerda Lüders", email: "gerda.lueders@example.net"), day: 0, position: 0.5),
        DemoBooking(officeId: "stadtteilbuero-luebeck-st-lorenz", serviceId: "personalausweis", channel: .online,
                    contact: Contact(name: "Jan Möller", email: "jan.moeller@example.org"), day: 0, position: 0.3),
        DemoBooking(officeId: "stadtteilbuero-luebeck-st-lorenz", serviceId: "reisepass", channel: .phone,
                    contact: Contact(name: "Svenja Brandt", phone: "0451 1224470"), day: 1, position: 0.6),
    ]

    /// Books the demo appointments at the starts free right now; one that no
    /// longer fits (the clock is late in the day, a day is full) is left out
    /// rather than failing the seed. Returns how many were booked.
    @discardableResult
    static func bookDemoBookings(_ availability: Availability, _ bookings: Bookings, today: LocalDate,
                                 callers: [Channel: Caller]) throws -> Int {
        var booked = 0
        for demo in demoBookings {
            let services = [RequestedService(serviceId: demo.serviceId, quantity: demo.quantity)]
            let caller = callers[demo.channel] ?? .citizen
            let days = try availability.days(office: demo.officeId, services: services, from: today,
                                             through: today.adding(days: 14), caller: caller).days
            guard demo.day < days.count else { continue }
            let starts = days[demo.day].freeStarts
            let start = starts[Int((Double(starts.count - 1) * demo.position).rounded())].start
            do {
                _ = try bookings.book(BookingOrder(officeId: demo.officeId, services: services, start: start,
                                                       contact: demo.contact, note: demo.note), caller: caller)
                booked += 1
            } catch BookingError.refused {
                continue
            }
        }
        return booked
    }
}
