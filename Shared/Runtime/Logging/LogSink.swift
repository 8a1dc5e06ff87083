import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where log lines go: standard output and/or `<dir>/<service>.log`.
///
/// One lock orders every line, so lines of concurrent tasks never interleave. Each line is one
/// `write(2)` with no user-space buffer, because an operator tails the file and a crash must not
/// swallow the last lines. The file is rotated by size (`.1` ... `.N`).
public final class LogSink: Sendable {
    private struct State {
        var descriptor: Int32 = -1
        var size = 0
        var droppedLines = 0
    }

    /// The configuration the sink was created with.
    public let configuration: Configuration
    private let state: Mutex<State>

    /// Opens (creating if needed) the log directory and file.
    public init(configuration: Configuration) throws(LogSinkError) {
        try configuration.validate()
        self.configuration = configuration
        var initial = State()
        if let url = configuration.fileURL, let directory = configuration.directory {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: directory.path, reason: error.localizedDescription)
            }
            initial.descriptor = openAppending(url.path)
            guard initial.descriptor >= 0 else {
                throw .cannotOpen(path: url.path, reason: String(cString: strerror(errno)))
            }
            initial.size = max(0, Int(lseek(initial.descriptor, 0, SEEK_END)))
        }
        state = Mutex(initial)
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
        }
    }

    /// Lines that could not be written to the file (disk full, file removed and not re-creatable).
    /// Logging never throws into the caller, so this counter is how the loss becomes visible.
    public var droppedLines: Int { state.withLock { $0.droppedLines } }

    /// Writes one line; a trailing newline is added. Embedded line breaks are escaped so one
    /// call is always one line.
    public func write(line: String) {
        var bytes = Array(line.utf8)
        if bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            bytes = Array(line.replacingOccurrences(of: "\r", with: "\\r")
                .replacingOccurrences(of: "\n", with: "\\n").utf8)
        }
        bytes.append(0x0A)
        state.withLock { state in
            if configuration.toStandardOutput { _ = writeAll(STDOUT_FILENO, bytes) }
            guard let url = configuration.fileURL else { return }
            if state.size > 0, state.size + bytes.count > configuration.maxFileBytes {
                rotate(&state, path: url.path)
            }
            if state.descriptor < 0 { state.descriptor = openAppending(url.path); state.size = 0 }
            if state.descriptor >= 0, writeAll(state.descriptor, bytes) {
                state.size += bytes.count
            } else {
                state.droppedLines += 1
            }
        }
    }

    /// Forces written lines to stable storage (at shutdown; lines are already in the OS per write).
    public func flush() {
        state.withLock { state in
            if state.descriptor >= 0 { _ = fsync(state.descriptor) }
        }
    }

    /// `service.log` → `.1`, `.1` → `.2`, ..., the oldest beyond `keptFiles` deleted.
    private func rotate(_ state: inout State, path: String) {
        if state.descriptor >= 0 { close(state.descriptor) }
        let kept = configuration.keptFiles
        _ = unlink("\(path).\(max(kept, 1))")
        if kept > 0 {
            for generation in stride(from: kept - 1, through: 1, by: -1) {
                _ = rename("\(path).\(generation)", "\(path).\(generation + 1)")
            }
            _ = rename(path, "\(path).1")
        } else {
            _ = unlink(path)
        }
        state.descriptor = openAppending(path)
        state.size = 0
    }
}

// Free functions: inside the class, `write` and `open` would resolve to members first.

private func openAppending(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
}

/// Writes every byte, retrying short writes and EINTR.
private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return true }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
