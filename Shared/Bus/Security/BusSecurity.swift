import ZeroMQ

/// How a bus socket authenticates.
public enum BusSecurity: Sendable, Equatable {
    /// No authentication or encryption: in-process (`inproc://`) and IPC in tests, or tcp only when
    /// the operator passed `--insecure` (the executables log a warning at start-up).
    case none
    /// The broker side of CURVE: its key pair and the ZAP allow-list of service public keys (Z85).
    case curveServer(keys: CurveKeyPair, allowedClients: Set<String>)
    /// A service side of CURVE: its own key pair and the broker's public key (Z85).
    case curveClient(keys: CurveKeyPair, serverPublicKey: String)
}
