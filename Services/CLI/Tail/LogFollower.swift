import Foundation

/// Follows every `*.log` file of a folder like `tail -F`: new files are picked up, a rotated or
/// truncated file is read again from its start, partial lines wait for their newline.
struct LogFollower {
    private struct Position {
        var inode: UInt64
        var offset: UInt64
        var pending = Data()
    }

    let folder: URL
    private var positions: [String: Position] = [:]

    init(folder: URL) { self.folder = folder }

    /// The `.log` files now in the folder, by service name (`notifier.log` → `notifier`).
    func files() -> [String: URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var files: [String: URL] = [:]
        for name in names where name.hasSuffix(".log") {
            files[String(name.dropLast(4))] = folder.appending(path: name)
        }
        return files
    }

    /// Skips what is already in the files but the last `keep` lines of each.
    mutating func startAtEnd(keepingLast keep: Int) -> [(service: String, line: Substring)] {
        var lines: [(String, Substring)] = []
        for (service, url) in files() {
            guard let data = try? Data(contentsOf: url), let inode = Self.inode(url) else { continue }
            positions[service] = Position(inode: inode, offset: UInt64(data.count))
            let text = String(decoding: data, as: UTF8.self)
            lines += text.split(separator: "\n").suffix(keep).map { (service, $0) }
        }
        return lines.sorted { $0.1 < $1.1 } // logfmt lines start with ts=…, so this is time order
    }

    /// Lines appended since the last call, in time order across files.
    mutating func poll() -> [(service: String, line: Substring)] {
        var lines: [(String, Substring)] = []
        for (service, url) in files() {
            guard let inode = Self.inode(url), let handle = try? FileHandle(forReadingFrom: url) else { continue }
            defer { try? handle.close() }
            var position = positions[service] ?? Position(inode: inode, offset: 0)
            let size = (try? handle.seekToEnd()) ?? 0
            if position.inode != inode || size < position.offset {
                position = Position(inode: inode, offset: 0)
            }
            guard size > position.offset else { positions[service] = position; continue }
            try? handle.seek(toOffset: position.offset)
            let chunk = (try? handle.read(upToCount: Int(size - position.offset))) ?? Data()
            position.offset += UInt64(chunk.count)
            var buffer = position.pending + chunk
            if let lastNewline = buffer.lastIndex(of: UInt8(ascii: "\n")) {
                let complete = String(decoding: buffer[buffer.startIndex...lastNewline], as: UTF8.self)
                lines += complete.split(separator: "\n").map { (service, $0) }
                buffer = Data(buffer[(lastNewline + 1)...])
            }
            position.pending = buffer
            positions[service] = position
        }
        return lines.sorted { $0.1 < $1.1 }
    }

    private static func inode(_ url: URL) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value
    }
}
