/// The client of a request as far as the server can believe it: the TCP
/// peer, or what a trusted proxy says (`TrustedProxies.client`).
struct ClientAddress: Equatable, Sendable {
    let address: IPAddress
    /// `http` or `https`.
    let scheme: String

    /// What per-client limits count by (`IPAddress.clientKey`).
    var key: String { address.clientKey }
}
