import Scheduling

/// What entitles a caller to see or change an existing booking.
public enum Access: Sendable, Hashable {
    /// The citizen's secret manage token.
    case manageToken(String)
    /// Staff: bookings of these offices.
    case offices(Set<OfficeID>)
    /// Agents: bookings at the offices of the municipalities they answer for.
    case municipalities(Set<MunicipalityID>)
    /// Admins: any booking.
    case anyOffice

    /// The catalogue tells which municipality an appointment's office is in.
    /// `tokenHashes`: every manage token's hash that opens the booking.
    func allows(_ booking: Booking, tokenHashes: [[UInt8]], catalogue: Catalogue) -> Bool {
        switch self {
        case .manageToken(let token):
            // Every hash is compared, so the time taken says nothing of which one matched.
            tokenHashes.map { Crypto.constantTimeEqual(ManageToken.hash(token), $0) }.contains(true)
        case .offices(let offices): offices.contains(booking.officeId)
        case .municipalities(let municipalities):
            catalogue.office(booking.officeId).map { municipalities.contains($0.municipalityId) } ?? false
        case .anyOffice: true
        }
    }

    /// The offices whose bookings this access opens; nil for all of them.
    func officeIds(in catalogue: Catalogue) -> Set<OfficeID>? {
        switch self {
        case .manageToken: []
        case .offices(let offices): offices
        case .municipalities(let municipalities):
            Set(municipalities.flatMap { catalogue.offices(in: $0).map(\.id) })
        case .anyOffice: nil
        }
    }
}
