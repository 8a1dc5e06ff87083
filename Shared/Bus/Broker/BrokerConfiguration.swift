/// How the broker (`songdal-bus`) listens and routes.
public struct BrokerConfiguration: Sendable {
    /// Where it binds: `tcp://127.0.0.1:7700` by default; `inproc://…` or `ipc://…` in tests;
    /// `tcp://127.0.0.1:*` picks a free port (read it from `Broker.boundEndpoint`).
    public var endpoint: String = "tcp://127.0.0.1:7700"
    /// CURVE server with a ZAP allow-list on tcp; `.none` only in-process or with `--insecure`.
    public var security: BusSecurity = .none
    /// Heartbeat period the peers use; a peer silent for `peerTimeoutBeats` of them is forgotten
    /// (messages for it are then NACKed so senders retry later instead of queueing blindly).
    public var heartbeatMilliseconds: Int = 1_000
    public var peerTimeoutBeats: Int = 5
    /// Frames larger than this are refused by libzmq before they reach the broker's memory.
    public var maxMessageBytes: Int64 = 16 * 1024 * 1024
    /// Queue limit per peer; past it the broker NACKs ("back pressure") instead of blocking.
    public var highWaterMark: Int32 = 200_000
    /// Test-only fault injection.
    public var faults: BrokerFaults = .none

    public init(endpoint: String = "tcp://127.0.0.1:7700", security: BusSecurity = .none) {
        self.endpoint = endpoint
        self.security = security
    }
}
