/// One frame of a multipart message: owned bytes.
public struct Frame: Sendable, Equatable, Hashable {
    /// The frame's content.
    public var bytes: [UInt8]

    /// A frame holding `bytes` (no copy: arrays are shared until mutated).
    @inlinable
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A frame holding the UTF-8 encoding of `string`, without a terminating NUL.
    @inlinable
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    /// A frame holding the bytes of any byte sequence (e.g. `Data`, a slice).
    @inlinable
    public init(_ data: some Sequence<UInt8>) { self.bytes = Array(data) }

    /// The number of bytes.
    @inlinable
    public var count: Int { bytes.count }

    /// The content decoded as UTF-8, or `nil` if it is not valid UTF-8.
    @inlinable
    public var string: String? { String(validating: bytes, as: UTF8.self) }
}

extension Frame: ExpressibleByStringLiteral {
    /// A frame holding the UTF-8 encoding of the literal (handy for tests and fixed tags).
    @inlinable
    public init(stringLiteral value: String) { self.init(value) }
}
