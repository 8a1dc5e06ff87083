import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `songdal up` per home: an exclusive `flock` on `<home>/up.lock`, which holds the owner's pid.
///
/// The kernel releases the lock when its holder dies, even by SIGKILL, so a crashed `up` never
/// leaves a stale lock behind; the pid in the file only serves the message a second `up` prints.
/// Two supervisors on one home would start two sets of services on the same stores, with two
/// clocks mixed in one timeline.
final class UpLock {
    enum Failure: Error, CustomStringConvertible {
        /// Another live process holds the lock.
        case held(home: String, pid: Int32?)
        /// The lock file could not be opened.
        case unavailable(path: String, errno: Int32)

        var description: String {
            switch self {
            case .held(let home, let pid):
                let holder = pid.map { "pid \($0)" } ?? "another process"
                return "another songdal up (\(holder)) is already running on \(home); stop it first, or use another --home"
            case .unavailable(let path, let code):
                return "could not open \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    private let descriptor: Int32

    /// Takes the lock of `layout`'s home, or throws ``Failure/held(home:pid:)`` naming the holder.
    init(layout: PlatformLayout) throws(Failure) {
        let path = layout.home.appending(path: "up.lock").path
        // O_CLOEXEC: the children must not inherit (and so keep holding) the lock.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unavailable(path: path, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPID(descriptor)
            close(descriptor)
            throw .held(home: layout.home.path, pid: holder)
        }
        ftruncate(descriptor, 0)
        let text = Array("\(getpid())\n".utf8)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
