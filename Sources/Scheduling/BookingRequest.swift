/// What someone wants to book, independent of when: services with
/// quantities, the channel they come through, and the facts about the caller
/// that the rules depend on.
public struct BookingRequest: Hashable, Codable, Sendable {
    public var services: [RequestedService]
    public var channel: Channel
    /// Desk only: may go into the walk-in reserve, up to `total(s)`. The
    /// allocator uses it only when a normal booking would not fit
    /// (`Placement.usesOverride`), so Core audits exactly those.
    public var staffOverride: Bool
    /// Active bookings the contact already has at this office; nil when not
    /// known yet (availability, holds). For a reschedule, leave out the
    /// booking being moved.
    public var activeBookingsOfContact: Int?
    /// Occupations to ignore: the hold a booking is made from, the booking a
    /// reschedule moves.
    public var replacing: Set<OccupationID>

    public init(services: [RequestedService], channel: Channel, staffOverride: Bool = false,
                activeBookingsOfContact: Int? = nil, replacing: Set<OccupationID> = []) {
        self.services = services
        self.channel = channel
        self.staffOverride = staffOverride
        self.activeBookingsOfContact = activeBookingsOfContact
        self.replacing = replacing
    }
}

/// A request checked against the office's catalogue: known, offered through
/// the channel, quantities in range.
struct ValidatedRequest {
    let request: BookingRequest
    let serviceIds: [ServiceID]
    /// `d` of docs/architecture.md: Σ base + (q − 1) · perExtra.
    let minutes: Int

    /// Slots needed in a band of `slotMinutes`: `ceil(d / slotMinutes)`, at least one.
    func slotCount(slotMinutes: Int) -> Int {
        max(1, (minutes + slotMinutes - 1) / slotMinutes)
    }

    static func validate(_ request: BookingRequest, setup: OfficeSetup) -> Result<ValidatedRequest, Refusal> {
        guard !request.services.isEmpty else { return .failure(.noServices) }
        if request.staffOverride && request.channel != .desk { return .failure(.overrideNotAllowed) }
        var seen: Set<ServiceID> = []
        var minutes = 0
        for line in request.services {
            guard seen.insert(line.serviceId).inserted else { return .failure(.duplicateService(line.serviceId)) }
            guard let service = setup.service(line.serviceId) else { return .failure(.serviceNotOffered(line.serviceId)) }
            guard setup.channels(for: line.serviceId).contains(request.channel) else {
                return .failure(.channelNotAllowed(serviceId: line.serviceId, channel: request.channel))
            }
            guard service.allowedQuantities.contains(line.quantity) else {
                return .failure(.quantityOutOfRange(serviceId: line.serviceId, allowed: service.allowedQuantities))
            }
            minutes += max(0, service.minutes(quantity: line.quantity))
        }
        return .success(ValidatedRequest(request: request, serviceIds: request.services.map(\.serviceId), minutes: minutes))
    }
}
