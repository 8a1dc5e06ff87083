/// The security mechanism of a socket (`ZMQ_MECHANISM`, read-only).
public enum SecurityMechanism: Int32, Sendable, CaseIterable {
    /// `ZMQ_NULL`: no security.
    case null = 0
    /// `ZMQ_PLAIN`: clear-text user name and password.
    case plain = 1
    /// `ZMQ_CURVE`: CurveZMQ encryption and authentication.
    case curve = 2
    /// `ZMQ_GSSAPI`: Kerberos.
    case gssapi = 3
}
