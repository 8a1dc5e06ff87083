import Logging
import ZeroMQ

/// The ZeroMQ Authentication Protocol (RFC 27) handler: libzmq asks it, on the well-known inproc
/// endpoint of the broker's context, whether a CURVE client may connect. Only public keys on the
/// allow-list get "200"; everyone else "400" and never completes the handshake.
final class ZAPHandler {
    static let endpoint = "inproc://zeromq.zap.01"
    let socket: Socket
    private let allowed: Set<String>
    private let logger: Logger

    init(context: Context, allowedClients: Set<String>, logger: Logger) throws(ZMQError) {
        socket = try Socket(context: context, type: .rep)
        try socket.setOption(.linger, 0)
        try socket.bind(Self.endpoint)
        allowed = allowedClients
        self.logger = logger
    }

    func unbind() { try? socket.unbind(Self.endpoint) }

    /// Answers every queued request.
    func serve() {
        while case .processed(let request)? = try? socket.receive() {
            // version, request id, domain, address, identity, mechanism, credentials…
            guard request.count >= 6 else {
                _ = try? socket.send(reply(requestID: Frame([]), status: "500", text: "malformed ZAP request"))
                continue
            }
            let requestID = request[1]
            let mechanism = request[5].string ?? ""
            let address = request[3].string ?? "?"
            var clientKey: String?
            if mechanism == "CURVE", request.count >= 7 {
                clientKey = Z85.encode(request[6].bytes)
            }
            if let clientKey, allowed.contains(clientKey) {
                _ = try? socket.send(reply(requestID: requestID, status: "200", text: "OK", user: clientKey))
            } else {
                logger.warning("bus connection refused: key not on the allow-list", metadata: [
                    "address": "\(address)", "mechanism": "\(mechanism)",
                ])
                _ = try? socket.send(reply(requestID: requestID, status: "400", text: "key not allowed"))
            }
        }
    }

    private func reply(requestID: Frame, status: String, text: String, user: String = "") -> [Frame] {
        [Frame("1.0"), requestID, Frame(status), Frame(text), Frame(user), Frame([])]
    }
}
