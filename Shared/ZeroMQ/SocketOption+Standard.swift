import CZeroMQ

// The options Songdal uses, as statics so call sites read `socket.setOption(.linger, 0)`.
// They are computed properties rather than stored `let`s because generic types cannot
// have stored statics.

extension SocketOption where Value == Int32 {
    /// `ZMQ_LINGER`: milliseconds pending messages are kept after close (-1 forever, the default).
    public static var linger: Self { .init(int32: ZMQ_LINGER, label: "ZMQ_LINGER") }
    /// `ZMQ_SNDHWM`: the outbound queue limit, in messages.
    public static var sendHighWaterMark: Self { .init(int32: ZMQ_SNDHWM, label: "ZMQ_SNDHWM") }
    /// `ZMQ_RCVHWM`: the inbound queue limit, in messages.
    public static var receiveHighWaterMark: Self { .init(int32: ZMQ_RCVHWM, label: "ZMQ_RCVHWM") }
    /// `ZMQ_SNDTIMEO`: milliseconds a blocking send waits before returning `.wouldBlock` (-1 forever).
    public static var sendTimeout: Self { .init(int32: ZMQ_SNDTIMEO, label: "ZMQ_SNDTIMEO") }
    /// `ZMQ_RCVTIMEO`: milliseconds a blocking receive waits before returning `.wouldBlock` (-1 forever).
    public static var receiveTimeout: Self { .init(int32: ZMQ_RCVTIMEO, label: "ZMQ_RCVTIMEO") }
    /// `ZMQ_HEARTBEAT_IVL`: milliseconds between ZMTP heartbeats (0 disables).
    public static var heartbeatInterval: Self { .init(int32: ZMQ_HEARTBEAT_IVL, label: "ZMQ_HEARTBEAT_IVL") }
    /// `ZMQ_HEARTBEAT_TIMEOUT`: milliseconds without traffic after a heartbeat before the connection is dropped.
    public static var heartbeatTimeout: Self { .init(int32: ZMQ_HEARTBEAT_TIMEOUT, label: "ZMQ_HEARTBEAT_TIMEOUT") }
    /// `ZMQ_HEARTBEAT_TTL`: milliseconds the peer should wait for traffic before dropping us (sent in heartbeats).
    public static var heartbeatTTL: Self { .init(int32: ZMQ_HEARTBEAT_TTL, label: "ZMQ_HEARTBEAT_TTL") }
    /// `ZMQ_RECONNECT_IVL`: milliseconds before reconnecting (-1 disables reconnection).
    public static var reconnectInterval: Self { .init(int32: ZMQ_RECONNECT_IVL, label: "ZMQ_RECONNECT_IVL") }
    /// `ZMQ_RECONNECT_IVL_MAX`: upper bound of the exponential reconnect back-off (0: no back-off).
    public static var reconnectIntervalMax: Self { .init(int32: ZMQ_RECONNECT_IVL_MAX, label: "ZMQ_RECONNECT_IVL_MAX") }
    /// `ZMQ_FD` (read-only): a file descriptor that becomes readable, edge-triggered,
    /// when ``Socket/events()`` may have changed. Not for reading or writing.
    public static var fileDescriptor: Self { .init(int32: ZMQ_FD, label: "ZMQ_FD") }
    /// `ZMQ_EVENTS` (read-only) as a raw `int`; ``Socket/events()`` returns it typed.
    public static var events: Self { .init(int32: ZMQ_EVENTS, label: "ZMQ_EVENTS") }
    /// `ZMQ_TYPE` (read-only): the socket type constant.
    public static var type: Self { .init(int32: ZMQ_TYPE, label: "ZMQ_TYPE") }
}

extension SocketOption where Value == Int64 {
    /// `ZMQ_MAXMSGSIZE`: largest inbound message in bytes; bigger ones drop the connection (-1: no limit).
    public static var maxMessageSize: Self { .init(int64: ZMQ_MAXMSGSIZE, label: "ZMQ_MAXMSGSIZE") }
}

extension SocketOption where Value == Bool {
    /// `ZMQ_ROUTER_MANDATORY`: a ROUTER send to an unknown routing id throws
    /// ``ZMQError/hostUnreachable`` instead of silently dropping the message.
    public static var routerMandatory: Self { .init(bool: ZMQ_ROUTER_MANDATORY, label: "ZMQ_ROUTER_MANDATORY") }
    /// `ZMQ_ROUTER_HANDOVER`: a new peer with an existing routing id takes it over.
    public static var routerHandover: Self { .init(bool: ZMQ_ROUTER_HANDOVER, label: "ZMQ_ROUTER_HANDOVER") }
    /// `ZMQ_IMMEDIATE`: queue only on completed connections.
    public static var immediate: Self { .init(bool: ZMQ_IMMEDIATE, label: "ZMQ_IMMEDIATE") }
    /// `ZMQ_CURVE_SERVER`: act as a CURVE server (needs ``curveSecretKey``).
    public static var curveServer: Self { .init(bool: ZMQ_CURVE_SERVER, label: "ZMQ_CURVE_SERVER") }
    /// `ZMQ_PROBE_ROUTER`: send an empty message on connect so a ROUTER learns the peer.
    public static var probeRouter: Self { .init(bool: ZMQ_PROBE_ROUTER, label: "ZMQ_PROBE_ROUTER") }
    /// `ZMQ_IPV6`: allow IPv6 on TCP endpoints.
    public static var ipv6: Self { .init(bool: ZMQ_IPV6, label: "ZMQ_IPV6") }
    /// `ZMQ_RCVMORE` (read-only): whether the last frame received has more parts.
    public static var receiveMore: Self { .init(bool: ZMQ_RCVMORE, label: "ZMQ_RCVMORE") }
}

extension SocketOption where Value == [UInt8] {
    /// `ZMQ_ROUTING_ID`: this socket's identity as seen by a ROUTER peer (1...255 bytes, not starting with 0).
    public static var routingID: Self { .init(bytes: ZMQ_ROUTING_ID, label: "ZMQ_ROUTING_ID") }
    /// `ZMQ_SUBSCRIBE` (write-only): a SUB prefix to receive; empty for everything.
    public static var subscribe: Self { .init(bytes: ZMQ_SUBSCRIBE, label: "ZMQ_SUBSCRIBE") }
    /// `ZMQ_UNSUBSCRIBE` (write-only): removes a SUB prefix.
    public static var unsubscribe: Self { .init(bytes: ZMQ_UNSUBSCRIBE, label: "ZMQ_UNSUBSCRIBE") }
}

extension SocketOption where Value == String {
    /// `ZMQ_CURVE_PUBLICKEY`: this socket's long-term public key, Z85 (40 characters).
    public static var curvePublicKey: Self { .init(curveKey: ZMQ_CURVE_PUBLICKEY, label: "ZMQ_CURVE_PUBLICKEY") }
    /// `ZMQ_CURVE_SECRETKEY`: this socket's long-term secret key, Z85 (40 characters).
    public static var curveSecretKey: Self { .init(curveKey: ZMQ_CURVE_SECRETKEY, label: "ZMQ_CURVE_SECRETKEY") }
    /// `ZMQ_CURVE_SERVERKEY`: on a client, the server's public key, Z85 (40 characters).
    public static var curveServerKey: Self { .init(curveKey: ZMQ_CURVE_SERVERKEY, label: "ZMQ_CURVE_SERVERKEY") }
    /// `ZMQ_ZAP_DOMAIN`: the ZAP authentication domain.
    public static var zapDomain: Self { .init(string: ZMQ_ZAP_DOMAIN, label: "ZMQ_ZAP_DOMAIN") }
    /// `ZMQ_LAST_ENDPOINT` (read-only): the endpoint last bound or connected, with the
    /// actual port for `tcp://host:*`.
    public static var lastEndpoint: Self { .init(string: ZMQ_LAST_ENDPOINT, label: "ZMQ_LAST_ENDPOINT") }
}

extension SocketOption where Value == SecurityMechanism {
    /// `ZMQ_MECHANISM` (read-only): the security mechanism in effect.
    public static var mechanism: Self { .init(mechanism: ZMQ_MECHANISM, label: "ZMQ_MECHANISM") }
}
