#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Schema

/// Writes one sealed blob with POSIX calls, WORM-style: `O_EXCL` refuses to replace an existing
/// blob, and the bytes go straight from the sealed buffer (no `Data` copy, no temporary file).
///
/// Durability is the caller's choice: `durable` fsyncs the file (one registration), while a
/// batch writes its blobs without it and makes them all durable with one `BlobStore.sync()`
/// before its rows commit (one device flush per batch instead of one per document).
enum BlobFile {
    enum Outcome { case written, folderMissing }

    /// Creates `path` with `bytes`; `.folderMissing` when the shard folder does not exist yet.
    static func create(_ path: String, bytes: [UInt8], durable: Bool) throws -> Outcome {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == ENOENT { return .folderMissing }
            throw failure("open", path)
        }
        do {
            try bytes.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    guard let base = buffer.baseAddress else { break }
                    let count = write(descriptor, base + written, buffer.count - written)
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw failure("write", path)
                    }
                    written += count
                }
            }
            if durable, fsync(descriptor) != 0 { throw failure("fsync", path) }
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
        guard close(descriptor) == 0 else {
            unlink(path)
            throw failure("close", path)
        }
        return .written
    }

    /// Flushes the whole file system holding `folder` (data, inodes and directory entries of
    /// every blob written so far) to stable storage.
    static func syncFileSystem(of folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", folder) }
        defer { close(descriptor) }
        guard let syncfs = Self.syncfs else {
            sync()  // no syncfs(2): flush every file system (slower, same guarantee)
            return
        }
        guard syncfs(descriptor) == 0 else { throw failure("syncfs", folder) }
    }

    /// `syncfs(2)`, which Glibc's Swift overlay does not export (it is a `_GNU_SOURCE` function).
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    private static func failure(_ call: String, _ path: String) -> ErrorReply {
        ErrorReply(code: "blob_write_failed", message: "\(call) failed for a document blob: \(String(cString: strerror(errno)))")
    }
}
