import CZeroMQ

/// The version of the libzmq library loaded at run time.
public enum ZMQVersion {
    /// `zmq_version`: major, minor and patch numbers (e.g. 4, 3, 4).
    public static var current: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }
}

/// Whether libzmq was built with a capability (`zmq_has`): `"curve"`, `"ipc"`,
/// `"draft"`, `"gssapi"`, ...
public func hasCapability(_ name: String) -> Bool {
    zmq_has(name) == 1
}
