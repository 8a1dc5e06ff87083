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
/// Durability is the caller's choice: `durable` fsyncs the file, while registrations write their
/// blobs without it and make them all durable with one `BlobStore.sync()` before their rows
/// commit — the benchmark's batches explicitly, the bus handler's inbox transaction through
/// `BlobSyncBeforeCommit` (one device flush per batch instead of one per document).
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
            if durable {
                guard fsync(descriptor) == 0 else { throw failure("fsync", path) }
            } else if let startWriteback = Self.syncFileRange {
                // Start writing the blob out now, so the batch's one sync finds most of its
                // data already on the way instead of starting all of it at the end. Advisory:
                // durability still comes from that sync, so a failure here changes nothing.
                _ = startWriteback(descriptor, 0, 0, Self.syncFileRangeWrite)
            }
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

    /// `sync_file_range(2)` and its `SYNC_FILE_RANGE_WRITE` flag (also `_GNU_SOURCE` only).
    private static let syncFileRangeWrite: UInt32 = 2
    private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()

    /// `syncfs(2)`, which Glibc's Swift overlay does not export (it is a `_GNU_SOURCE` function).
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// Marks `folder` as the top of unrelated directory trees (`chattr +T`, `FS_TOPDIR_FL`), so
    /// ext4's Orlov allocator spreads the shard folders, and with them the blobs' inodes, over
    /// the block groups instead of packing them all near their parent. Without it every new
    /// blob's inode is searched for in the same few groups, and on a file system without a
    /// journal that search steps over each recently deleted inode there (a vault destroying
    /// documents, or any other process under the same parent folder): thousands of blob
    /// creations per second turned into about a thousand. Best effort: other file systems
    /// refuse the flag and nothing changes.
    static func spreadSubfolders(of folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var flags: Int32 = 0
        guard ioctl(descriptor, getFlags, &flags) == 0, flags & topDirectory == 0 else { return }
        flags |= topDirectory
        _ = ioctl(descriptor, setFlags, &flags)
    }

    // <linux/fs.h>: FS_IOC_GETFLAGS = _IOR('f', 1, long), FS_IOC_SETFLAGS = _IOW('f', 2, long)
    // (the kernel reads an int), FS_TOPDIR_FL.
    private static let getFlags: UInt = 0x8008_6601
    private static let setFlags: UInt = 0x4008_6602
    private static let topDirectory: Int32 = 0x0002_0000

    private static func failure(_ call: String, _ path: String) -> ErrorReply {
        ErrorReply(code: .blobWriteFailed, message: "\(call) failed for a document blob: \(String(cString: strerror(errno)))")
    }
}
