import Foundation

/// A streaming RFC 4180 reader: quoted fields, `""` escapes, CRLF or LF line ends, newlines
/// inside quotes. Reads the file in chunks, so a file of any size costs one chunk of memory.
///
/// Cursor style rather than a sequence of records: `next()` advances, `field(_:)` reads the
/// current record's fields straight out of one reused buffer — no allocation per field.
public struct CSVReader: ~Copyable {
    private let handle: FileHandle
    private let path: String
    private let chunkSize: Int
    private var chunk: [UInt8] = []
    private var position = 0
    private var finished = false
    /// Unescaped bytes of the current record's fields, back to back.
    private var buffer: [UInt8] = []
    /// End offset in `buffer` of each field of the current record.
    private var ends: [Int] = []
    /// The line the next record starts on.
    private var nextLine = 1
    /// The line the current record started on.
    public private(set) var line = 0

    /// Opens `url` for reading in chunks of `chunkSize` bytes.
    public init(url: URL, chunkSize: Int = 1 << 20) throws(CSVError) {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw .unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        path = url.path
        self.chunkSize = chunkSize
        buffer.reserveCapacity(512)
        ends.reserveCapacity(16)
    }

    deinit { try? handle.close() }

    /// Number of fields in the current record.
    public var fieldCount: Int { ends.count }

    /// The bytes of field `index` of the current record (empty past the last field).
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        guard index < ends.count else { return [] }
        return buffer[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Advances to the next record; `false` at the end of the file. A broken record throws
    /// (its line is skipped, the next call continues after it).
    public mutating func next() throws(CSVError) -> Bool {
        buffer.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        line = nextLine
        var inQuotes = false
        var afterClosingQuote = false
        var sawAnything = false
        while true {
            // Most bytes are plain field content: copied in runs, not one by one.
            if !afterClosingQuote, position < chunk.count {
                let run = plainRun(inQuotes: inQuotes)
                if run > 0 {
                    buffer.append(contentsOf: chunk[position..<(position + run)])
                    position += run
                    sawAnything = true
                    continue
                }
            }
            guard let byte = try peekByte() else {
                if inQuotes { throw .unterminatedQuote(line: line) }
                guard sawAnything else { return false }
                ends.append(buffer.count)
                return true
            }
            position += 1
            sawAnything = true
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") {
                        position += 1
                        buffer.append(byte)
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { nextLine += 1 }
                    buffer.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                ends.append(buffer.count)
                afterClosingQuote = false
            case UInt8(ascii: "\n"):
                nextLine += 1
                ends.append(buffer.count)
                return true
            case UInt8(ascii: "\r"):
                if try peekByte() == UInt8(ascii: "\n") { position += 1 }
                nextLine += 1
                ends.append(buffer.count)
                return true
            case UInt8(ascii: "\""):
                let fieldStart = ends.last ?? 0
                guard buffer.count == fieldStart, !afterClosingQuote else { return try skipBrokenLine() }
                inQuotes = true
            default:
                if afterClosingQuote { return try skipBrokenLine() }
                buffer.append(byte)
            }
        }
    }

    /// How many bytes from `position` on, within the chunk, need no decision: anything but a
    /// quote and a line end inside quotes, anything but those and a comma outside.
    private func plainRun(inQuotes: Bool) -> Int {
        chunk.withUnsafeBufferPointer { bytes in
            var index = position
            if inQuotes {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else {
                while index < bytes.count {
                    let byte = bytes[index]
                    // One comparison for the usual case: all four specials are below 0x2D.
                    if byte > UInt8(ascii: ",") { index += 1; continue }
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\"") {
                        break
                    }
                    index += 1
                }
            }
            return index - position
        }
    }

    /// Skips to the end of the current physical line and reports the broken record.
    private mutating func skipBrokenLine() throws(CSVError) -> Bool {
        while let byte = try peekByte() {
            position += 1
            if byte == UInt8(ascii: "\n") { break }
        }
        nextLine += 1
        throw .brokenQuote(line: line)
    }

    /// The next byte without consuming it, refilling the chunk as needed; `nil` at the end.
    private mutating func peekByte() throws(CSVError) -> UInt8? {
        if position < chunk.count { return chunk[position] }
        guard !finished else { return nil }
        do {
            let data = try handle.read(upToCount: chunkSize) ?? Data()
            chunk = [UInt8](data)
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        position = 0
        if chunk.isEmpty {
            finished = true
            return nil
        }
        return chunk[0]
    }
}
