import Formats
import Foundation
import ReminderCore
import Testing

/// The shared reader (Formats), as reminder's import uses it, copies runs of plain bytes at once when its input is contiguous; records must be
/// the same as byte-by-byte reading, however the input is cut into chunks.
@Suite("CSV reader over contiguous and non-contiguous chunks")
struct CSVChunkingTests {
    static let text = "guarantee_no,name\r\nG1,\"회사, 주식회사\"\nG2,\"say \"\"hi\"\"\"\r\nG3,\"two\nlines\"\nG4,bro\"ken\nG5,\"x\"y\nG6,a\rb\n"
        + "G7,\"\"\n,,\nG8,end\r\n\"open,quote\nG9,never closed"

    func described(_ records: [CSVRecord]) -> [String] {
        records.map { "\($0.line)|\($0.fields.joined(separator: "¦"))|\($0.error.map { "\($0)" } ?? "-")" }
    }

    func read(_ bytes: [UInt8], chunk: Int, contiguous: Bool) -> [CSVRecord] {
        var reader = CSVReader(columns: .any)
        var out: [CSVRecord] = []
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            let slice = bytes[start..<min(start + chunk, bytes.count)]
            if contiguous {
                reader.feed(slice) { out.append($0) }
            } else {
                reader.feed(slice.lazy.map { $0 }) { out.append($0) }   // no contiguous storage: byte by byte
            }
        }
        reader.finish { out.append($0) }
        return out
    }

    @Test("same records for every chunk size, contiguous or not", arguments: [1, 2, 3, 5, 8, 13, 64, 4096])
    func sameRecords(chunk: Int) {
        let bytes = Array(Self.text.utf8)
        let reference = described(read(bytes, chunk: 1, contiguous: false))
        #expect(described(read(bytes, chunk: chunk, contiguous: true)) == reference)
        #expect(described(read(bytes, chunk: chunk, contiguous: false)) == reference)
        #expect(reference.count == 12)   // a bare CR ends a line: `G6,a` and `b`
        #expect(reference[1] == "2|G1¦회사, 주식회사|-")
        #expect(reference[3] == "4|G3¦two\nlines|-")
        #expect(reference[4].hasPrefix("6|"))
    }
}
