import CZeroMQ

/// A typed socket option: the `ZMQ_*` constant plus how its value is encoded for
/// `zmq_setsockopt` / decoded from `zmq_getsockopt`.
///
/// The common options are statics (``linger``, ``routingID``, ...), so call sites read
/// `try socket.setOption(.linger, 0)`. Options not listed can be described with the
/// initialisers (`SocketOption<Int32>(int32: ZMQ_CONFLATE, label: "ZMQ_CONFLATE")`).
/// Whether an option is readable or writable is libzmq's business: using a write-only
/// option for reading (or the reverse) throws libzmq's `EINVAL`.
public struct SocketOption<Value>: Sendable {
    /// The `ZMQ_*` option constant.
    public let name: Int32
    /// The constant's name, used in error operations, e.g. `ZMQ_LINGER`.
    public let label: String
    /// Bytes reserved when reading the option.
    let readCapacity: Int
    /// Hands the encoded value to `body` (which calls `zmq_setsockopt`) and returns its
    /// result; `nil` if the value cannot be encoded for this option.
    let encode: @Sendable (Value, (UnsafeRawBufferPointer) -> Int32) -> Int32?
    /// Decodes the bytes `zmq_getsockopt` wrote; `nil` if they are not a valid `Value`.
    let decode: @Sendable (UnsafeRawBufferPointer) -> Value?

    init(
        name: Int32, label: String, readCapacity: Int,
        encode: @escaping @Sendable (Value, (UnsafeRawBufferPointer) -> Int32) -> Int32?,
        decode: @escaping @Sendable (UnsafeRawBufferPointer) -> Value?
    ) {
        self.name = name
        self.label = label
        self.readCapacity = readCapacity
        self.encode = encode
        self.decode = decode
    }
}

/// Encodes a fixed-width integer option as its native-endian bytes.
private func encodeInteger<I: FixedWidthInteger>(_ value: I, _ body: (UnsafeRawBufferPointer) -> Int32) -> Int32? {
    withUnsafeBytes(of: value) { body($0) }
}

/// Decodes a fixed-width integer option; `nil` unless libzmq wrote exactly its size.
private func decodeInteger<I: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer) -> I? {
    guard bytes.count == MemoryLayout<I>.size else { return nil }
    return bytes.loadUnaligned(as: I.self)
}

/// Decodes a NUL-terminated string option (libzmq includes the NUL in the size).
private func decodeCString(_ bytes: UnsafeRawBufferPointer) -> String {
    let text = bytes.prefix { $0 != 0 }
    return String(decoding: text, as: UTF8.self)
}

extension SocketOption where Value == Int32 {
    /// An `int` option.
    public init(int32 name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 4,
            encode: { encodeInteger($0, $1) }, decode: { decodeInteger($0) })
    }
}

extension SocketOption where Value == Int64 {
    /// An `int64_t` option.
    public init(int64 name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 8,
            encode: { encodeInteger($0, $1) }, decode: { decodeInteger($0) })
    }
}

extension SocketOption where Value == UInt64 {
    /// A `uint64_t` option.
    public init(uint64 name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 8,
            encode: { encodeInteger($0, $1) }, decode: { decodeInteger($0) })
    }
}

extension SocketOption where Value == Bool {
    /// A boolean option, which libzmq takes as an `int` 0 or 1.
    public init(bool name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 4,
            encode: { encodeInteger(Int32($0 ? 1 : 0), $1) },
            decode: { (decodeInteger($0) as Int32?).map { $0 != 0 } })
    }
}

extension SocketOption where Value == [UInt8] {
    /// A binary option (routing id, subscription prefix): at most 255 bytes.
    public init(bytes name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 255,
            encode: { value, body in value.withUnsafeBytes { body($0) } },
            decode: { Array($0) })
    }
}

extension SocketOption where Value == String {
    /// A character-string option: set without a NUL (libzmq takes the length given),
    /// read as a NUL-terminated string of at most 255 characters.
    public init(string name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 256,
            encode: { value, body in
                var value = value
                return value.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            },
            decode: { decodeCString($0) })
    }

    /// A CURVE key option in its 40-character Z85 text form.
    ///
    /// libzmq accepts a key either as 32 raw bytes or as 41 bytes of Z85 text including
    /// the NUL, telling them apart by length alone; so the text is passed with its NUL,
    /// and anything but 40 characters is rejected here (`EINVAL`) rather than risk a
    /// 31-character string being taken for a raw key. Reading with a buffer larger than
    /// 32 bytes makes libzmq return the Z85 form.
    public init(curveKey name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 41,
            encode: { value, body in
                guard value.utf8.count == 40 else { return nil }
                return value.withCString { body(UnsafeRawBufferPointer(start: $0, count: 41)) }
            },
            decode: { decodeCString($0) })
    }
}

extension SocketOption where Value == SecurityMechanism {
    /// The security-mechanism option, an `int` holding a ``SecurityMechanism`` raw value.
    public init(mechanism name: Int32, label: String? = nil) {
        self.init(
            name: name, label: label ?? "option \(name)", readCapacity: 4,
            encode: { encodeInteger($0.rawValue, $1) },
            decode: { (decodeInteger($0) as Int32?).flatMap(SecurityMechanism.init(rawValue:)) })
    }
}
