/// The catalogue a store serves from memory, and what the store needs to
/// tell that the database's setup moved on without it: the setup stamp
/// (`Store.setupStamp`) its caches stand for, and the stamps of its own
/// changes. One value behind one lock, so a load, a change and a wake
/// never see each other half done.
struct CatalogueCache {
    private(set) var catalogue: Catalogue?
    /// Bumped by every forgetting, so a load that raced with a change is
    /// not kept.
    private(set) var generation: UInt64 = 0
    /// Every change up to this stamp is in what the store remembers: the
    /// stamp read with the catalogue first kept, then moved on by each
    /// commit met. Nil before, and once track is lost.
    private var accounted: Int64?
    /// Stamps this store's own changes wrote that no commit met yet:
    /// recorded only while watching, inside the writing transaction, so the
    /// wake its own commit causes already finds it.
    private var own: Set<Int64> = []
    private var watching = false

    /// What a commit met (`meet`) says.
    enum Verdict: Equatable {
        /// Nothing changed, or only this store's own changes.
        case current
        /// Another process changed the setup since the stamp accounted
        /// for: the catalogue is forgotten, and so must be everything made
        /// from it.
        case changedElsewhere
        /// No stamp was accounted for (nothing loaded yet since the watch
        /// began, or track lost): forgotten too, to be sure, but nothing
        /// says another process was at work.
        case unaccounted
    }

    /// Keeps a catalogue loaded with `stamp` in one read transaction,
    /// unless it was forgotten since the load began.
    mutating func keep(_ loaded: Catalogue, stamp: Int64, loadedIn generation: UInt64) {
        guard generation == self.generation else { return }
        catalogue = loaded
        if accounted == nil { accounted = stamp }
    }

    mutating func forget() {
        generation &+= 1
        catalogue = nil
    }

    /// From now on own stamps are recorded and commits met; what was
    /// remembered before is forgotten, so the first stamp read stands for it.
    mutating func startWatching() {
        watching = true
        lostTrack()
        forget()
    }

    /// Inside the transaction of one of the store's own setup changes.
    mutating func wrote(_ stamp: Int64) {
        if watching { own.insert(stamp) }
    }

    /// A setup change failed after writing its stamp: rolled back, so its
    /// stamp may come again from another process.
    mutating func lostTrack() {
        accounted = nil
        own = []
    }

    /// After a commit, with the stamp read then: forgets the catalogue
    /// unless every change since the stamp accounted for is the store's own.
    mutating func meet(_ stamp: Int64) -> Verdict {
        defer { own = own.filter { $0 > stamp } }
        guard let accounted else {
            self.accounted = stamp
            forget()
            return .unaccounted
        }
        self.accounted = stamp
        if stamp == accounted { return .current }
        if stamp > accounted, Int64(own.count) >= stamp - accounted,
           (accounted + 1...stamp).allSatisfy(own.contains) {
            return .current
        }
        forget()
        return .changedElsewhere
    }
}
