#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A POSIX file descriptor owned by one value, for streaming 100 MB documents through reused
/// buffers (`FileHandle.read` would allocate a fresh `Data` per chunk). Closed on deinit.
struct RawFile: ~Copyable {
    let descriptor: Int32
    let path: String

    /// Opens `url` for reading.
    init(reading url: URL) throws(CryptoError) {
        path = url.path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.error("open", path) }
    }

    /// Creates (or truncates) `url` for writing, readable only by the owner: it holds
    /// ciphertext or plaintext of documents.
    init(creating url: URL) throws(CryptoError) {
        path = url.path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.error("open", path) }
    }

    deinit { close(descriptor) }

    /// Reads until `buffer` is full or end of file; returns the byte count (short only at EOF).
    func readFull(into buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let count = read(descriptor, base + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error("read", path)
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// Writes all of `bytes`, retrying short writes.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error("write", path)
            }
            written += count
        }
    }

    private static func error(_ call: String, _ path: String) -> CryptoError {
        CryptoError(operation: "\(call)(\(path))", reason: String(cString: strerror(errno)))
    }
}
