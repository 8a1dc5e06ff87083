import Formats
import Foundation

/// A run of complete records read from a campaign's CSV file at a byte offset, by the platform's
/// one CSV reader (Formats): the same quotes, line ends and errors as the gateway's check, so a
/// file the gateway accepted reads the same way here — quoted fields may span lines.
struct CampaignChunk {
    /// Records (or record errors) in file order, each with its line and end offset.
    var records: [CSVRecord]
    var endOffset: Int64
    var nextLine: Int
    var atEnd: Bool
    /// A record longer than a whole chunk: the file is not a notice list.
    var overlong = false

    /// Reads up to `maximumRows` records from `offset`; `fieldCount` is the header's once it was read.
    static func read(path: String, offset: Int64, firstLine: Int, fieldCount: Int?, maximumRows: Int,
                     maximumBytes: Int) throws -> CampaignChunk {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let data = try handle.read(upToCount: maximumBytes) ?? Data()
        let atFileEnd = data.count < maximumBytes
        var reader = CSVReader(columns: fieldCount.map { .exactly($0) } ?? .fromFirstRecord, firstLine: firstLine,
                               startOffset: offset)
        var records: [CSVRecord] = []
        var more = false
        let take: (CSVRecord) -> Void = { record in
            if records.count < maximumRows { records.append(record) } else { more = true }
        }
        data.withUnsafeBytes { reader.feed(raw: $0, take) }
        if atFileEnd { reader.finish(take) }
        let atEnd = atFileEnd && !more
        if records.isEmpty, !atEnd {
            return CampaignChunk(records: [], endOffset: offset, nextLine: firstLine, atEnd: false, overlong: !data.isEmpty)
        }
        return CampaignChunk(records: records, endOffset: records.last?.endOffset ?? offset + Int64(data.count),
                             nextLine: records.last?.nextLine ?? firstLine, atEnd: atEnd)
    }
}
