import Foundation

/// A run of complete lines read from a CSV file at a byte offset.
struct CampaignChunk {
    /// (1-based line number, bytes without the line break).
    var lines: [(Int, ArraySlice<UInt8>)]
    var endOffset: Int64
    var nextLine: Int
    var atEnd: Bool
    /// A line longer than a whole chunk: the file is not a notice list.
    var overlong = false

    static func read(path: String, offset: Int64, firstLine: Int, maximumRows: Int, maximumBytes: Int) throws -> CampaignChunk {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let data = try handle.read(upToCount: maximumBytes) ?? Data()
        let bytes = [UInt8](data)
        let atFileEnd = bytes.count < maximumBytes
        var lines: [(Int, ArraySlice<UInt8>)] = []
        var start = 0
        var line = firstLine
        var index = 0
        while index < bytes.count, lines.count < maximumRows {
            if bytes[index] == 10 {
                var stop = index
                if stop > start, bytes[stop - 1] == 13 { stop -= 1 }
                lines.append((line, bytes[start..<stop]))
                line += 1
                start = index + 1
            }
            index += 1
        }
        var atEnd = false
        if lines.count < maximumRows, atFileEnd {
            if start < bytes.count {
                // The last line has no line break.
                var stop = bytes.count
                if bytes[stop - 1] == 13 { stop -= 1 }
                lines.append((line, bytes[start..<stop]))
                line += 1
                start = bytes.count
            }
            atEnd = true
        } else if lines.isEmpty, start == 0, !bytes.isEmpty {
            return CampaignChunk(lines: [], endOffset: offset, nextLine: line, atEnd: false, overlong: true)
        }
        return CampaignChunk(lines: lines, endOffset: offset + Int64(start), nextLine: line, atEnd: atEnd)
    }
}
