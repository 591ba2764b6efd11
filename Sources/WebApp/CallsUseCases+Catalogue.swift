import Core
import Scheduling

extension CallsUseCases {
    func catalogue() throws -> Catalogue { try useCases.catalogue() }

    /// The zone an office's times are shown in.
    func zone(_ officeId: OfficeID) throws -> TimeZoneRules { try time.zone(office: officeId) }
}
