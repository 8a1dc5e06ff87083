#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that it appears at its final path only when complete: a temporary file in
/// the same directory (same file system, so `rename` is atomic) is renamed into place on
/// success and removed on failure. This is what keeps unauthenticated plaintext of a tampered
/// document from ever being visible at the output path.
///
/// Durability (`fsync`) is left to the caller's storage layer, which knows its batching.
enum AtomicOutput {
    static func write<R>(to url: URL, _ body: (borrowing RawFile) throws(CryptoError) -> R) throws(CryptoError) -> R {
        let suffix = Hex.encode(try SecureRandom.bytes(6))
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(suffix)")
        let result: R
        do {
            let file = try RawFile(creating: temporary)
            result = try body(file)
        } catch {
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw CryptoError(operation: "rename(\(url.path))", reason: reason)
        }
        return result
    }
}
