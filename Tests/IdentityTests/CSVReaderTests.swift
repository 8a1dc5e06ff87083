import Formats
import Foundation
import Testing

/// Identity's import reads with the shared reader (Formats), which copies runs of plain bytes at
/// once within a chunk; its records must be those of byte-by-byte reading however the file is cut.
@Suite("Identity CSV reader over any chunk size")
struct CSVReaderTests {
    static let text = "ci,carrier\r\nA1,\"KT, 주식회사\"\nA2,\"say \"\"hi\"\"\"\r\nA3,\"two\nlines\"\nA4,bro\"ken\nA5,\"x\"y\nA6,a\rb\n"
        + "A7,\"\"\n,,\nA8,end\r\n\"open,quote\nA9,never closed"

    func records(chunkSize: Int) throws -> [String] {
        let bytes = Array(Self.text.utf8)
        var reader = CSVReader(columns: .any)
        var out: [String] = []
        func take(_ record: CSVRecord) {
            if let error = record.error {
                out.append("\(record.line)|error \(error)")
            } else {
                out.append("\(record.line)|\(record.fields.joined(separator: "¦"))")
            }
        }
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            reader.feed(bytes[start..<min(start + chunkSize, bytes.count)], take)
        }
        reader.finish(take)
        return out
    }

    @Test("same records for every chunk size", arguments: [2, 3, 5, 8, 13, 64, 1 << 20])
    func sameRecords(chunkSize: Int) throws {
        let reference = try records(chunkSize: 1)
        #expect(try records(chunkSize: chunkSize) == reference)
        #expect(reference[1] == "2|A1¦KT, 주식회사")
        #expect(reference[2] == "3|A2¦say \"hi\"")
        #expect(reference[3] == "4|A3¦two\nlines")
        #expect(reference[4].hasPrefix("6|error"))
        #expect(reference[5].hasPrefix("7|error"))
        #expect(reference[6] == "8|A6¦a")
        #expect(reference[7] == "9|b")
        #expect(reference[8] == "10|A7¦")
        #expect(reference[9] == "11|¦¦")
        #expect(reference[10] == "12|A8¦end")
        #expect(reference.last?.hasPrefix("13|error") == true)
    }
}
