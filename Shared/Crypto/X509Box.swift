import CSSL

/// Owner of one `X509`. `@unchecked Sendable`: certificates are immutable once built, and
/// OpenSSL 3 guards its lazily cached extension data with a lock, so concurrent reads are safe.
final class X509Box: @unchecked Sendable {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }
}
