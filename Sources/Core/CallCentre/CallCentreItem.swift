import Scheduling
/// What callbacks and memos share: both belong to an office and are open
/// until its staff mark them done.
protocol CallCentreItem: Sendable {
    var officeId: OfficeID { get }
    var status: CallCentreItemStatus { get set }
    var completion: Completion? { get set }
}

extension CallbackRequest: CallCentreItem {}
extension Memo: CallCentreItem {}
