/// The per-client connection cap (`ServerConfiguration.connectionsPerClient`):
/// a client past it loses one of its own connections, never another
/// client's, and its newest only when every other one is busy.
extension EventLoop {
    /// Counts a connection just accepted; past the cap, sheds one of the
    /// client's connections here or asks the loop that holds more of them.
    func enforceCap(on connection: Connection) {
        guard let peer = connection.peerAddress, !configuration.trustedProxies.contains(peer) else {
            return  // a trusted proxy limits its own clients; all of them come through it
        }
        let key = peer.clientKey
        connection.capKey = key
        connectionsByClient[key, default: []].append(connection)
        guard let loop = clients.opened(key, on: index) else { return }
        if loop != index {
            loops[loop].post(.shed(clientKey: key))
        } else if !shedConnection(of: key, sparing: connection) {
            closeConnection(connection)
        }
    }

    func releaseCap(of connection: Connection) {
        guard let key = connection.capKey else { return }
        connection.capKey = nil
        if var list = connectionsByClient[key] {
            list.removeAll { $0 === connection }
            connectionsByClient[key] = list.isEmpty ? nil : list
        }
        clients.closed(key, on: index)
    }

    /// Closes the client's connection that costs most and serves least: one
    /// already lingering, else the oldest idle keep-alive connection, else
    /// the one whose request has been arriving longest (a slow client's).
    /// A connection with a request being answered is left alone. False when
    /// there is none to shed.
    @discardableResult
    func shedConnection(of key: String, sparing spared: Connection?) -> Bool {
        let candidates = (connectionsByClient[key] ?? []).filter { $0 !== spared && !$0.isClosed }
        let victim = candidates.first { $0.phase == .lingering }
            ?? candidates.first { $0.isIdle && $0.output.isEmpty }
            ?? candidates.filter { $0.phase == .reading }.min { $0.receivedAt < $1.receivedAt }
        guard let victim else { return false }
        closeConnection(victim)
        return true
    }
}
