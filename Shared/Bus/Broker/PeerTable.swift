/// The broker's only state: which peers are connected, by service. Rebuilt from traffic, so a
/// restarted broker knows every peer again after at most one heartbeat.
struct PeerTable {
    private struct Peer {
        var service: String
        var lastSeen: Int64
    }

    private var peers: [String: Peer] = [:]
    private var byService: [String: [String]] = [:]
    private var roundRobin: [String: Int] = [:]

    /// Records traffic from `routingID`; returns true when the peer is new.
    @discardableResult
    mutating func touch(_ routingID: String, now: Int64) -> Bool {
        if peers[routingID] != nil {
            peers[routingID]?.lastSeen = now
            return false
        }
        guard let parsed = RoutingID(routingID) else { return false }
        peers[routingID] = Peer(service: parsed.service, lastSeen: now)
        byService[parsed.service, default: []].append(routingID)
        return true
    }

    mutating func remove(_ routingID: String) {
        guard let peer = peers.removeValue(forKey: routingID) else { return }
        byService[peer.service]?.removeAll { $0 == routingID }
        if byService[peer.service]?.isEmpty == true { byService[peer.service] = nil }
    }

    /// The peer a message for `destination` goes to: that exact peer for `service/instance`, or
    /// the next of the service's peers in turn for a bare service name.
    mutating func route(_ destination: String) -> String? {
        if destination.utf8.contains(UInt8(ascii: "/")) {
            return peers[destination] == nil ? nil : destination
        }
        guard let candidates = byService[destination], !candidates.isEmpty else { return nil }
        let index = (roundRobin[destination] ?? 0) % candidates.count
        roundRobin[destination] = index + 1
        return candidates[index]
    }

    /// Forgets peers silent since before `cutoff`; returns them.
    mutating func expire(silentSince cutoff: Int64) -> [String] {
        let stale = peers.filter { $0.value.lastSeen < cutoff }.map(\.key)
        stale.forEach { remove($0) }
        return stale
    }

    func contains(_ routingID: String) -> Bool { peers[routingID] != nil }
    var count: Int { peers.count }
}
